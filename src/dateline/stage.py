"""What a stage is: a declared record (:class:`Stage`) and what it reads from spaCy (:class:`Parsed`).

Every analysis stage's ``stage.py`` exports one ``STAGE``::

    STAGE = Stage(
        name="quotes",
        requires=("entities",),     # Analysis sections it reads, filled by earlier stages
        assigns="quotes",           # the one Analysis section it fills
        function=find_quotes,       # (analysis, parsed) -> the value of that section
    )

The pipeline (``dateline.pipeline``) checks the declarations when it is built, calls the function
and writes the section itself, validated against the model. A stage never sees another stage's
internals and never writes the document; what it needs from the spaCy parse comes in ``parsed``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from dateline.model import Analysis, Article


@dataclass
class Parsed:
    """The spaCy parse of one article: the body ``doc``, and its display strings on demand.

    Offsets in the headline, standfirst and captions point into each string, so each gets its
    own ``Doc``; several stages read the same headline, so each string is parsed once (cached
    here), by the model that parsed the body. Without a model (a ``Doc`` made elsewhere) the
    default model parses them; :class:`~dateline.errors.ModelNotFoundError` when it is missing.
    """

    doc: Doc
    nlp: Language | None = None
    _fields: dict[str, Doc] = field(default_factory=dict, repr=False)

    def add_field(self, name: str, parsed: Doc) -> None:
        """Keep ``parsed`` as the parse of the string ``name`` (parsed beforehand, in a batch)."""
        self._fields[name] = parsed

    def field(self, name: str, text: str) -> Doc:
        """The parse of ``text``, the article string named ``name`` ("headline", "captions[2]")."""
        parsed = self._fields.get(name)
        if parsed is None or parsed.text != text:
            nlp = self.nlp
            if nlp is None:
                from dateline.nlp.loader import load_model

                nlp = load_model()
            parsed = nlp(text)
            self._fields[name] = parsed
        return parsed


# (the Analysis so far, the parse of its article) -> the value of the section the stage assigns
StageFunction = Callable[["Analysis", Parsed], Any]


@dataclass(frozen=True)
class Stage:
    """A declared analysis stage: what it reads, what it fills, and the function that does it."""

    name: str
    assigns: str
    function: StageFunction
    requires: tuple[str, ...] = ()
    english_only: bool = True
    description: str = ""
    # Article strings besides the body ("headline", "standfirst") the stage parses (through
    # ``Parsed.field``) whenever they are not blank: the pipeline parses them in the same
    # ``nlp.pipe`` batch as the bodies instead of one ``nlp`` call each.
    parses: tuple[str, ...] = ()
    # The article strings (field name as ``Parsed.field`` takes it, string) the stage parses
    # only when the article calls for it (the quotes stage parses a caption only when it holds
    # a quotation): the pipeline puts them in the bodies' batch too.
    parses_also: Callable[[Article], Iterable[tuple[str, str]]] | None = None

    def __post_init__(self) -> None:
        from dateline.model import Analysis, Article

        if self.assigns not in Analysis.model_fields:
            raise ValueError(f"stage {self.name!r} assigns {self.assigns!r}, not an Analysis field")
        for name in self.parses:
            if name not in Article.model_fields:
                raise ValueError(f"stage {self.name!r} parses {name!r}, not an Article field")
