package re.blot.client.internal;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * Marks a body as one-shot so that OkHttp never re-sends it by itself after the request went out on
 * a connection that then broke: a POST or PUT may already have taken effect (a refresh grant
 * rotates the tokens, a disposable client gets created twice). The bytes stay re-readable, so the
 * client's own single replay after a token refresh still works.
 */
final class OneShotBody extends RequestBody {
  private final RequestBody delegate;

  OneShotBody(RequestBody delegate) {
    this.delegate = delegate;
  }

  @Override
  public MediaType contentType() {
    return delegate.contentType();
  }

  @Override
  public long contentLength() throws IOException {
    return delegate.contentLength();
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    delegate.writeTo(sink);
  }

  @Override
  public boolean isOneShot() {
    return true;
  }
}
