package re.blot.server.pages;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import re.blot.server.store.StatusRecord;
import re.blot.server.store.Store;
import re.blot.server.store.StreamRecord;

/**
 * A stream's color over a period, from the status history, as a fixed number of slices: each slice
 * has the color in effect at its end (null before the stream had one), so a month of readings every
 * few minutes still draws as a hundred-odd boxes.
 */
record HistoryBand(
    String label, long since, long sliceMillis, List<String> slices, int changes, String first) {
  /** The periods a stream page shows: a day in quarter hours, a week in 2 h, a month in 6 h. */
  enum Period {
    DAY("Last day", Duration.ofDays(1), 96),
    WEEK("Last week", Duration.ofDays(7), 84),
    MONTH("Last 30 days", Duration.ofDays(30), 120);

    final String label;
    final Duration length;
    final int slices;

    Period(String label, Duration length, int slices) {
      this.label = label;
      this.length = length;
      this.slices = slices;
    }
  }

  /** History is read a page at a time, as the history endpoint does. */
  private static final int PAGE = 1000;

  static HistoryBand of(Store store, StreamRecord stream, Period period, long now) {
    long since = now - period.length.toMillis();
    long slice = period.length.toMillis() / period.slices;
    List<StatusRecord> statuses = new ArrayList<>();
    for (long from = since; ; ) {
      List<StatusRecord> page = store.history(stream.id(), from, now + 1, PAGE);
      statuses.addAll(page);
      if (page.size() < PAGE) {
        break;
      }
      from = page.get(page.size() - 1).created() + 1;
    }
    String color =
        store
            .statusBefore(stream.id(), since)
            .map(StatusRecord::color)
            .orElse(stream.status().created() < since ? stream.status().color() : null);
    String first = color != null || statuses.isEmpty() ? color : statuses.get(0).color();
    List<String> slices = new ArrayList<>(period.slices);
    int next = 0;
    for (int i = 1; i <= period.slices; i++) {
      long end = i == period.slices ? now + 1 : since + i * slice;
      while (next < statuses.size() && statuses.get(next).created() < end) {
        color = statuses.get(next++).color();
      }
      slices.add(color);
    }
    return new HistoryBand(period.label, since, slice, slices, statuses.size(), first);
  }

  /** The color at the end of the period (null: none yet). */
  String last() {
    return slices.get(slices.size() - 1);
  }
}
