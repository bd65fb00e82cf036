"""Request and response shapes of the HTTP API (the OpenAPI document at /openapi.json is built from these)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from planprat.models import Filters

# Hard caps that hold whatever the settings say; the question length from settings is checked in the route.
MAX_TEXT = 20_000
MAX_HISTORY = 40
MAX_LIST = 50


class FiltersIn(BaseModel):
    """Metadata filters; an empty list does not filter."""

    kind: list[str] = Field(
        default_factory=list, max_length=MAX_LIST, description="Document kinds: plan, report, law …"
    )
    municipality: list[str] = Field(
        default_factory=list, max_length=MAX_LIST, description="Municipalities, e.g. Bodø."
    )
    law: list[str] = Field(
        default_factory=list, max_length=MAX_LIST, description="Laws, e.g. boligsosialloven."
    )

    def to_filters(self) -> Filters:
        return Filters(kinds=tuple(self.kind), municipalities=tuple(self.municipality), laws=tuple(self.law))


class HistoryItem(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(max_length=MAX_TEXT)


class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_TEXT, description="The question, in Norwegian.")
    filters: FiltersIn | None = None
    history: list[HistoryItem] = Field(
        default_factory=list, max_length=MAX_HISTORY, description="Earlier turns."
    )


class ChatRequest(AskRequest):
    conversation_id: str | None = Field(
        None,
        max_length=64,
        description="From the first event of an earlier /api/chat stream: the server keeps that conversation's "
        "history, so a follow-up sends only this id and the new question.",
    )


class CitationOut(BaseModel):
    model_config = ConfigDict(extra="allow")  # fields the answerer adds later pass through

    n: int
    doc_title: str
    kind: str
    municipality: str | None
    section: str
    page: int | None
    law_ref: str | None
    quote: str
    chunk_id: str
    doc_id: str


class HitOut(BaseModel):
    model_config = ConfigDict(extra="allow")  # fields the answerer adds later pass through

    chunk_id: str
    doc_id: str
    doc_title: str
    kind: str
    municipality: str | None
    year: int | None
    section: str
    page: int | None
    law_ref: str | None
    text: str
    score: float
    retriever: str


class AnswerOut(BaseModel):
    model_config = ConfigDict(extra="allow")  # fields the answerer adds later pass through

    answer: str = Field(description="Answer text with markers [1], [2] … that refer to `citations`.")
    abstained: bool = Field(description="True when the documents do not answer the question («fant ikke»).")
    mode: str = Field("extractive", description="extractive, legal or llm: how the answer was made.")
    notes: list[str] = Field(default_factory=list, description="E.g. that a cited provision is repealed.")
    citations: list[CitationOut]
    hits: list[HitOut]


class DocumentOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    doc_id: str
    title: str
    source: str
    kind: str
    municipality: str | None = None
    county: str | None = None
    year: int | None = None
    url: str | None = None
    law_short: str | None = None
    law_abbrevs: list[str] = []
    content_hash: str = ""
    pages: int | None = None


class Facets(BaseModel):
    kind: list[str]
    municipality: list[str]
    law: list[str]


class DocumentList(BaseModel):
    documents: list[DocumentOut]
    facets: Facets


class ChunkOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    chunk_id: str
    doc_id: str
    text: str
    ordinal: int
    section: list[str] = []
    page: int | None = None
    page_end: int | None = None
    law_ref: str | None = None
    law: str | None = None
    paragraph: str | None = None


class DocumentDetail(BaseModel):
    doc: DocumentOut
    chunk_count: int
    chunks: list[ChunkOut]


class PassageOut(BaseModel):
    doc: DocumentOut
    chunk: ChunkOut
    before: list[ChunkOut]
    after: list[ChunkOut]


class IngestFailureOut(BaseModel):
    file: str
    reason: str


class IngestReportOut(BaseModel):
    documents: int
    added: int
    updated: int
    unchanged: int
    removed: int
    chunks: int
    failed: list[IngestFailureOut]


class UploadOut(BaseModel):
    doc_id: str
    title: str
    chunks: int
    report: IngestReportOut


class Deleted(BaseModel):
    doc_id: str
    deleted: bool


class Health(BaseModel):
    status: str
    documents: int | None = None


class ErrorOut(BaseModel):
    detail: str = Field(description="What went wrong, in Norwegian, fit to show an end user.")


# --- OpenAI-compatible -------------------------------------------------------------------------------


class OAIContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: str = "text"
    text: str | None = Field(None, max_length=MAX_TEXT)


class OAIMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[OAIContentPart] | None = Field(None, max_length=MAX_TEXT)

    def text(self) -> str:
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "\n".join(p.text or "" for p in self.content if p.type == "text")


class OAIChatRequest(BaseModel):
    """The subset of OpenAI's chat.completions request Planprat reads; other fields are accepted and ignored."""

    model_config = ConfigDict(extra="allow")

    model: str = Field("planprat", max_length=200)
    messages: list[OAIMessage] = Field(min_length=1, max_length=MAX_HISTORY + 10)
    stream: bool | None = False
    filters: FiltersIn | None = Field(None, description="Planprat extension: metadata filters.")


class OAIModel(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str


class OAIModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[OAIModel]


class OAIChoiceMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class OAIChoice(BaseModel):
    index: int
    message: OAIChoiceMessage
    finish_reason: str


class OAIUsage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class OAIChatResponse(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[OAIChoice]
    usage: OAIUsage
    citations: list[CitationOut] = Field(description="Planprat: the sources behind the [n] markers.")
    planprat: dict[str, Any] = Field(description="Planprat: abstained, mode, notes.")
