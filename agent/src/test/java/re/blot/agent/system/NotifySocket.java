package re.blot.agent.system;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A stand-in for systemd's notification socket: an {@code AF_UNIX} datagram socket bound to a path,
 * opened through libc because Java has no datagram channel for Unix sockets. While open, it is this
 * process's {@code NOTIFY_SOCKET} in the C environment, which is where libsystemd's {@code
 * sd_notify} looks (Java's own {@code System.getenv} snapshot does not change).
 */
final class NotifySocket implements AutoCloseable {
  private static final int AF_UNIX = 1;
  private static final int SOCK_DGRAM = 2;
  private static final int MSG_DONTWAIT = 0x40;
  private static final int SUN_PATH_MAX = 108;

  interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int socket(int domain, int type, int protocol);

    int bind(int fd, byte[] address, int length);

    NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags);

    int close(int fd);

    int setenv(String name, String value, int overwrite);

    int unsetenv(String name);
  }

  private final int fd;
  private final Path path;

  private NotifySocket(int fd, Path path) {
    this.fd = fd;
    this.path = path;
  }

  static NotifySocket bind(Path path) {
    byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
    if (name.length >= SUN_PATH_MAX) {
      throw new IllegalArgumentException("Socket path too long for sockaddr_un: " + path);
    }
    int fd = LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM, 0);
    if (fd < 0) {
      throw new IllegalStateException(
          "socket(AF_UNIX, SOCK_DGRAM) failed: errno " + Native.getLastError());
    }
    ByteBuffer address = ByteBuffer.allocate(2 + SUN_PATH_MAX).order(ByteOrder.nativeOrder());
    address.putShort((short) AF_UNIX).put(name);
    if (LibC.INSTANCE.bind(fd, address.array(), address.capacity()) != 0) {
      int errno = Native.getLastError();
      LibC.INSTANCE.close(fd);
      throw new IllegalStateException("bind(" + path + ") failed: errno " + errno);
    }
    LibC.INSTANCE.setenv("NOTIFY_SOCKET", path.toString(), 1);
    return new NotifySocket(fd, path);
  }

  Path path() {
    return path;
  }

  /**
   * Returns the next datagram already delivered, or null when none is queued. Never waits: {@code
   * sd_notify} has delivered its datagram by the time it returns.
   */
  String poll() {
    byte[] buffer = new byte[4096];
    long n =
        LibC.INSTANCE.recv(fd, buffer, new NativeLong(buffer.length), MSG_DONTWAIT).longValue();
    return n < 0 ? null : new String(buffer, 0, (int) n, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    LibC.INSTANCE.unsetenv("NOTIFY_SOCKET");
    LibC.INSTANCE.close(fd);
  }
}
