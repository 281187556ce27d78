"""Save KWin's workspace as PNG: ``python kwin_screenshot.py BUS_ADDRESS PATH WxH``.

``org.kde.KWin.ScreenShot2.CaptureWorkspace`` writes raw pixels into a file descriptor passed
with the call, which neither busctl nor gdbus can send; QtDBus can.
"""

from __future__ import annotations

import os
import sys
import threading

from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusUnixFileDescriptor
from PySide6.QtGui import QImage


def main() -> int:
    address, path = sys.argv[1], sys.argv[2]
    width, height = (int(v) for v in sys.argv[3].split("x"))
    _app = QCoreApplication(sys.argv[:1])
    bus = QDBusConnection.connectToBus(address, "kwin-screenshot")
    if not bus.isConnected():
        print(f"cannot connect to {address}", file=sys.stderr)
        return 1
    read_fd, write_fd = os.pipe()
    chunks: list[bytes] = []

    def drain() -> None:
        while chunk := os.read(read_fd, 1 << 20):
            chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    call = QDBusMessage.createMethodCall(
        "org.kde.KWin", "/org/kde/KWin/ScreenShot2", "org.kde.KWin.ScreenShot2", "CaptureWorkspace"
    )
    call.setArguments([{"native-resolution": True}, QDBusUnixFileDescriptor(write_fd)])
    reply = bus.call(call, timeout=20000)
    os.close(write_fd)
    if reply.type() != QDBusMessage.MessageType.ReplyMessage:
        print(f"CaptureWorkspace failed: {reply.errorMessage()}", file=sys.stderr)
        return 1
    reader.join(20)
    # The reply's a{sv} (width, height, stride, format) stays an opaque QDBusArgument in
    # PySide6; the size is the virtual screen's, the stride follows from the data.
    data = b"".join(chunks)
    if not data or len(data) % height:
        print(f"got {len(data)} bytes for {width}x{height}", file=sys.stderr)
        return 1
    stride = len(data) // height
    image = QImage(data, width, height, stride, QImage.Format.Format_RGB32)
    if not image.save(path, "PNG"):  # type: ignore[call-overload]  # PySide6 takes a str format; its stub says bytes
        print(f"cannot write {path}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
