import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Loads the native code the packaged jars bring for this CPU (check-arm.sh runs it in each ARM
 * root with the unit's JVM flags, as the service user): JNA's libjnidispatch, called through to
 * libc, and the libgpiod and JNI glue bundled in Pi4J's gpiod library, which the agent loads only
 * for a power pin on a real Pi. Prints "probe: ..." lines; exits 1 on any failure to load or link.
 */
public final class NativeProbe {
  public static void main(String[] args) {
    boolean ok = true;
    try {
      int pid = Function.getFunction("c", "getpid").invokeInt(new Object[0]);
      if (pid != ProcessHandle.current().pid()) {
        throw new IllegalStateException("libc getpid() through JNA returned " + pid);
      }
      System.out.println(
          "probe: jna ok: libjnidispatch "
              + Native.VERSION_NATIVE
              + " for "
              + Platform.RESOURCE_PREFIX
              + ", libc getpid() = "
              + pid);
    } catch (Throwable e) {
      ok = false;
      System.out.println("probe: jna FAILED: " + e);
      e.printStackTrace(System.out);
    }
    try {
      // The class's static initialiser extracts and loads libgpiod.so and libpi4j-gpiod.so; a call
      // into the JNI glue proves its symbols link. No chip exists here, so the open must fail
      // with gpiod's own error, not with an UnsatisfiedLinkError.
      Class<?> gpiod = Class.forName("com.pi4j.library.gpiod.internal.GpioD");
      Method open = gpiod.getDeclaredMethod("chipOpen", String.class);
      open.setAccessible(true);
      String outcome;
      try {
        outcome = "returned " + open.invoke(null, "/dev/blotre-no-such-gpiochip");
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof LinkageError) {
          throw e.getCause();
        }
        outcome = "failed as expected: " + e.getCause();
      }
      System.out.println("probe: gpiod ok: opening a missing chip " + outcome);
    } catch (Throwable e) {
      ok = false;
      System.out.println("probe: gpiod FAILED: " + e);
      e.printStackTrace(System.out);
    }
    System.exit(ok ? 0 : 1);
  }
}
