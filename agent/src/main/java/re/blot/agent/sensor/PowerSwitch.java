package re.blot.agent.sensor;

/** Switches a probe's supply; probes without a power pin use {@link #ALWAYS_ON}. */
public interface PowerSwitch {
  /** For a probe wired to 3.3 V: nothing to switch. */
  PowerSwitch ALWAYS_ON =
      new PowerSwitch() {
        @Override
        public void on() {}

        @Override
        public void off() {}
      };

  void on();

  void off();
}
