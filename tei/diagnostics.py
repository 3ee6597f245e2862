"""The one shape of a warning or an error, for the reader, the validator and the build alike."""

from __future__ import annotations

from dataclasses import dataclass

from tei.errors import Position, one_line


@dataclass(frozen=True)
class Diagnostic:
    """A warning or an error, where it is, and which rule of which layer said so.

    Printed like a compiler's message, `path:line:column: severity: [rule] message`; in `tei build`
    a finding on TEI the encoder made also names the place in the transcription that produced the
    element (`origin`), since the transcription is what editors edit.
    """

    severity: str                      # "error" | "warning" | "info" (a name or date left to the editors)
    rule: str
    message: str
    position: Position
    layer: str = ""                    # who found it: "wellformed", "relaxng", "schematron", "xsd",
                                       # "tei-all", a build stage's own check; "" for the reader
    stage: str = ""                    # in `tei build`, the stage that reported it
    origin: Position | None = None     # in `tei build`, the transcription's place behind the element

    @property
    def path(self) -> str:
        return self.position.path

    @property
    def line(self) -> int:
        return self.position.line

    @property
    def column(self) -> int:
        return self.position.column

    def __str__(self) -> str:
        origin = f" (transcription: {self.origin})" if self.origin else ""
        return one_line(f"{self.position}: {self.severity}: [{self.rule}] {self.message}{origin}")

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.stage, self.layer, self.rule, self.message)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "path": self.path, "line": self.line, "column": self.column, "severity": self.severity,
            "rule": self.rule, "message": self.message, "layer": self.layer, "stage": self.stage,
        }
        if self.origin:
            data["origin"] = {"path": self.origin.path, "line": self.origin.line, "column": self.origin.column}
        return data

    @classmethod
    def from_json(cls, data: dict) -> Diagnostic:
        origin = data.get("origin")
        return cls(
            data["severity"], data["rule"], data["message"], Position(data["path"], data["line"], data["column"]),
            layer=data.get("layer", ""), stage=data.get("stage", ""),
            origin=Position(origin["path"], origin["line"], origin["column"]) if origin else None,
        )
