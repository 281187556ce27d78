"""Building blocks for fake desktop services on a private bus (see tests/buses.py).

A fake is a :class:`FakeObject` (one object path, a Python function per method) registered on
the fakes' connection; it checks each call's signature where told to, as real services do
(GLib-based ones reject a call typed wrongly, an ``i`` where the specification says ``u``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QMetaType
from PySide6.QtDBus import QDBusArgument, QDBusConnection, QDBusMessage, QDBusVirtualObject

SIGNAL_MS = 5000
QUIET_MS = 300  # how long "nothing more happens" is watched for

INVALID_ARGS = "org.freedesktop.DBus.Error.InvalidArgs"
UNKNOWN_METHOD = "org.freedesktop.DBus.Error.UnknownMethod"


@dataclass(frozen=True)
class DBusError:
    name: str
    text: str = ""


class Reply:
    """A reply of several values (or none); a handler that returns one value returns it as
    it is."""

    def __init__(self, *values: object) -> None:
        self.values = list(values)


Handler = Callable[[list[object]], object]  # a value, a Reply or a DBusError

_KEPT: list[object] = []


def keep(thing: object) -> None:
    """Keep ``thing`` alive until the end of the session: QtDBus holds raw pointers to
    registered virtual objects and pending calls, which Python must not collect early."""
    _KEPT.append(thing)


class FakeObject(QDBusVirtualObject):
    """Answers method calls on one object path with a Python function per member."""

    def __init__(
        self, handlers: dict[str, Handler], signatures: dict[str, str] | None = None
    ) -> None:
        """``signatures``: the argument signature a member insists on, as a real service
        does (a call with other types gets InvalidArgs)."""
        super().__init__()
        self.handlers = handlers
        self.signatures = signatures or {}
        self.calls: list[tuple[str, list[object]]] = []
        keep(self)

    def introspect(self, path: str) -> str:
        return ""

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        member, arguments = message.member(), message.arguments()
        if member == "Introspect":
            return False
        self.calls.append((member, arguments))
        handler = self.handlers.get(member)
        wanted = self.signatures.get(member)
        if handler is None:
            result: object = DBusError(UNKNOWN_METHOD, f"no method {member}")
        elif wanted is not None and message.signature() != wanted:
            result = DBusError(
                INVALID_ARGS, f"{member} takes ({wanted}), not ({message.signature()})"
            )
        else:
            result = handler(arguments)
        if isinstance(result, DBusError):
            reply = message.createErrorReply(result.name, result.text)
        elif isinstance(result, Reply):
            reply = message.createReply()
            reply.setArguments(result.values)
        else:
            reply = message.createReply(result)
        connection.send(reply)
        return True

    def count(self, member: str) -> int:
        return sum(1 for called, _ in self.calls if called == member)


def string_array(items: Iterable[str] = ()) -> QDBusArgument:
    """An ``as`` as real services send it (a plain list would go out as ``av``, and an empty
    one as nothing typed at all)."""
    argument = QDBusArgument()
    argument.beginArray(QMetaType(QMetaType.Type.QString))
    for item in items:
        argument.appendVariant(item)
    argument.endArray()
    return argument


def emit(bus: QDBusConnection, path: str, interface: str, member: str, args: list[object]) -> None:
    message = QDBusMessage.createSignal(path, interface, member)
    message.setArguments(args)
    assert bus.send(message)
