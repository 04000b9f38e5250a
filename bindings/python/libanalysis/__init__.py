"""libanalysis: structure, entities and attributed claims for news articles.

    import libanalysis as la
    doc = la.analyze(text)            # or bytes, or an HTML page
    doc.metadata["title"], doc.blocks, doc.sentences, doc.tokens, doc.entities, doc.claims
    doc.text[t.start:t.end] == t.text # offsets are code points into doc.text

A thin layer over the C library (CFFI, API mode). Every call releases the GIL, and one
Pipeline may be used by many threads at once. C errors are raised as la.Error subclasses
that also inherit the matching builtin exception (ValueError, MemoryError, OSError).
"""
import threading

from ._libanalysis import ffi, lib

__all__ = ["analyze", "Pipeline", "Document", "Corpus", "Span", "Block", "Sentence", "Token",
           "Entity", "Claim", "Error", "version", "model_version"]

__version__ = ffi.string(lib.la_version()).decode()


def version():
    """The C library's version string."""
    return ffi.string(lib.la_version()).decode()


def model_version():
    """The version of the embedded entity model."""
    return ffi.string(lib.la_model_version()).decode()


# ---- errors ------------------------------------------------------------------------

class Error(Exception):
    """A libanalysis error; .code is the C LA_E* code."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


class InvalidArgument(Error, ValueError):
    pass


class OutOfMemory(Error, MemoryError):
    pass


class FileError(Error, OSError):
    pass


class FormatError(Error, ValueError):
    """A malformed model, lexicon or JSON file."""


class InputTooLarge(Error, ValueError):
    pass


class VersionMismatch(Error, ValueError):
    pass


_ERRORS = {lib.LA_EINVAL: InvalidArgument, lib.LA_ENOMEM: OutOfMemory, lib.LA_EIO: FileError,
           lib.LA_EFORMAT: FormatError, lib.LA_ETOOBIG: InputTooLarge, lib.LA_ERANGE: IndexError,
           lib.LA_EVERSION: VersionMismatch}


def _check(rc, err):
    if rc == 0:
        return
    msg = ffi.string(err.msg).decode("utf-8", "replace") if err is not None and err.msg[0] != b"\0" \
        else ffi.string(lib.la_strerror(rc)).decode()
    cls = _ERRORS.get(rc, Error)
    if cls is IndexError:
        raise IndexError(msg)
    raise cls(msg, rc)


def _str(p):
    return None if p == ffi.NULL else ffi.string(p).decode("utf-8")


# ---- records -----------------------------------------------------------------------

class Span:
    """A span of a document: .start/.end are code points into doc.text, .byte_start/
    .byte_end bytes into the input (text) or doc.text (HTML)."""
    __slots__ = ("doc", "start", "end", "byte_start", "byte_end")

    def __init__(self, doc, s):
        self.doc = doc  # keeps the document alive
        self.start, self.end = s.start, s.end
        self.byte_start, self.byte_end = s.byte_start, s.byte_end

    @property
    def text(self):
        return self.doc.text[self.start:self.end]

    def __repr__(self):
        return f"{type(self).__name__}({self.start}, {self.end}, {self.text!r})"


class Block(Span):
    __slots__ = ("kind", "boilerplate", "first_sentence", "sentence_count")

    @property
    def sentences(self):
        return self.doc.sentences[self.first_sentence:self.first_sentence + self.sentence_count]


class Sentence(Span):
    __slots__ = ("block", "first_token", "token_count")

    @property
    def tokens(self):
        return self.doc.tokens[self.first_token:self.first_token + self.token_count]


class Token(Span):
    __slots__ = ("sentence", "flags")

    @property
    def is_word(self):
        return bool(self.flags & lib.LA_TOKEN_WORD)

    @property
    def is_number(self):
        return bool(self.flags & lib.LA_TOKEN_NUMBER)

    @property
    def is_punct(self):
        return bool(self.flags & lib.LA_TOKEN_PUNCT)


class Entity(Span):
    __slots__ = ("label", "entity_id", "value", "canonical")


class Claim:
    """Who said what: .source (Span or None), .cue, .content, .kind, .cue_lemma,
    .cue_class, .source_entity (the Entity the source refers to, or None)."""
    __slots__ = ("doc", "source", "cue", "content", "kind", "cue_lemma", "cue_class",
                 "source_entity_id", "_source_entity")

    @property
    def source_entity(self):
        return self.doc.entities[self._source_entity] if self._source_entity >= 0 else None

    def __repr__(self):
        src = self.source.text if self.source else None
        return f"Claim({src!r} {self.cue.text!r} {self.content.text!r}, {self.kind})"


# ---- pipeline and documents --------------------------------------------------------

_FORMATS = {"auto": lib.LA_FORMAT_AUTO, "text": lib.LA_FORMAT_TEXT, "html": lib.LA_FORMAT_HTML}
_STAGES = {"structure": lib.LA_STAGE_STRUCTURE, "entities": lib.LA_STAGE_ENTITIES,
           "claims": lib.LA_STAGE_CLAIMS}


def _bytes(data):
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass")
    return bytes(data)


class Pipeline:
    """Loaded model and options; immutable, shared safely by many threads.

    Pipeline(model=None, entries=None, stages=None, max_input_bytes=0): model is a model
    file (default: the embedded one), entries a JSON file of user entities, stages a
    list among "structure", "entities", "claims" (default: all)."""

    def __init__(self, model=None, entries=None, stages=None, max_input_bytes=0):
        opts = ffi.new("la_pipeline_options *")
        opts.version = lib.LA_PIPELINE_OPTIONS_VERSION
        keep = []
        if model is not None:
            keep.append(ffi.new("char[]", str(model).encode()))
            opts.model_path = keep[-1]
        if entries is not None:
            keep.append(ffi.new("char[]", str(entries).encode()))
            opts.user_entries_path = keep[-1]
        opts.stages = sum(_STAGES[s] for s in stages) if stages else 0
        opts.max_input_bytes = max_input_bytes
        out = ffi.new("la_pipeline **")
        err = ffi.new("la_error *")
        _check(lib.la_pipeline_new(out, opts, err), err)
        self._ptr = ffi.gc(out[0], lib.la_pipeline_free)

    def analyze(self, data, format="auto", name=None):
        """Analyses text (str), bytes or an HTML page; returns a Document."""
        if self._ptr is None:
            raise InvalidArgument("the pipeline is closed", lib.LA_EINVAL)
        raw = _bytes(data)
        opts = ffi.new("la_analyze_options *")
        opts.version = lib.LA_ANALYZE_OPTIONS_VERSION
        opts.format = _FORMATS[format]
        cname = ffi.new("char[]", name.encode()) if name is not None else ffi.NULL
        opts.name = cname
        out = ffi.new("la_doc **")
        err = ffi.new("la_error *")
        _check(lib.la_analyze(out, self._ptr, raw, len(raw), opts, err), err)
        return Document(self, ffi.gc(out[0], lib.la_doc_free))

    def close(self):
        """Frees the pipeline now (documents already made stay usable)."""
        if self._ptr is not None:
            ffi.release(self._ptr)
            self._ptr = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Document:
    """One analysed document. Its lists are built on first access and cached."""

    def __init__(self, pipeline, ptr):
        self.pipeline = pipeline  # a corpus needs the pipeline alive
        self._ptr = ptr
        self._cache = {}

    def _cached(self, key, make):
        if key not in self._cache:
            if self._ptr is None:
                raise InvalidArgument("the document is closed", lib.LA_EINVAL)
            self._cache[key] = make()
        return self._cache[key]

    @property
    def text(self):
        """The text every code point offset indexes."""
        def make():
            n = ffi.new("size_t *")
            p = lib.la_doc_text(self._ptr, n)
            return ffi.unpack(p, n[0]).decode("utf-8")
        return self._cached("text", make)

    @property
    def name(self):
        return _str(lib.la_doc_name(self._ptr))

    @property
    def format(self):
        return "html" if lib.la_doc_format(self._ptr) == lib.LA_FORMAT_HTML else "text"

    @property
    def repairs(self):
        """How many invalid UTF-8 sequences or NUL bytes were replaced by U+FFFD."""
        return lib.la_doc_repairs(self._ptr)

    @property
    def metadata(self):
        """{"title", "byline", "publisher", "date"}: strings or None; date is ISO 8601."""
        keys = ("title", "byline", "publisher", "date")
        return self._cached("metadata", lambda: {k: _str(lib.la_doc_metadata(self._ptr, i))
                                                 for i, k in enumerate(keys)})

    @property
    def main_text(self):
        """The article body (without boilerplate, title, byline and date lines)."""
        def make():
            n = ffi.new("size_t *")
            p = lib.la_doc_main_text(self._ptr, n)
            return None if p == ffi.NULL else ffi.unpack(p, n[0]).decode("utf-8")
        return self._cached("main_text", make)

    def _records(self, ctype, count, get, make):
        out = []
        rec = ffi.new(ctype)
        for i in range(count(self._ptr)):
            rec.size = ffi.sizeof(rec[0])
            _check(get(self._ptr, i, rec), None)
            out.append(make(rec))
        return out

    @property
    def blocks(self):
        def make(r):
            b = Block(self, r.span)
            b.kind = ffi.string(lib.la_block_kind_name(r.kind)).decode()
            b.boilerplate = ffi.string(lib.la_boilerplate_kind_name(r.boilerplate)).decode() or None
            b.first_sentence, b.sentence_count = r.first_sentence, r.sentence_count
            return b
        return self._cached("blocks", lambda: self._records(
            "la_block *", lib.la_doc_block_count, lib.la_doc_block, make))

    @property
    def sentences(self):
        def make(r):
            s = Sentence(self, r.span)
            s.block, s.first_token, s.token_count = r.block, r.first_token, r.token_count
            return s
        return self._cached("sentences", lambda: self._records(
            "la_sentence *", lib.la_doc_sentence_count, lib.la_doc_sentence, make))

    @property
    def tokens(self):
        def make(r):
            t = Token(self, r.span)
            t.sentence, t.flags = r.sentence, r.flags
            return t
        return self._cached("tokens", lambda: self._records(
            "la_token *", lib.la_doc_token_count, lib.la_doc_token, make))

    @property
    def entities(self):
        def make(r):
            e = Entity(self, r.span)
            e.label, e.entity_id, e.value = _str(r.label), _str(r.entity_id), _str(r.value)
            e.canonical = None
            return e

        def build():
            ents = self._records("la_entity *", lib.la_doc_entity_count, lib.la_doc_entity, make)
            for i, e in enumerate(ents):
                e.canonical = _str(lib.la_doc_entity_canonical(self._ptr, i))
            return ents
        return self._cached("entities", build)

    @property
    def claims(self):
        def make(r):
            c = Claim()
            c.doc = self
            c.source = Span(self, r.source) if r.has_source else None
            c.cue, c.content = Span(self, r.cue), Span(self, r.content)
            c.kind = ffi.string(lib.la_claim_kind_name(r.kind)).decode()
            c.cue_lemma, c.cue_class = _str(r.cue_lemma), _str(r.cue_class)
            c.source_entity_id, c._source_entity = _str(r.source_entity_id), r.source_entity
            return c
        return self._cached("claims", lambda: self._records(
            "la_claim *", lib.la_doc_claim_count, lib.la_doc_claim, make))

    def to_json(self, pretty=False, text=True, tokens=True):
        """The document as JSON (the evaluation format, plus byte offsets and details)."""
        flags = (lib.LA_JSON_PRETTY if pretty else 0) | (0 if text else lib.LA_JSON_NO_TEXT) | \
            (0 if tokens else lib.LA_JSON_NO_TOKENS)
        out = ffi.new("char **")
        n = ffi.new("size_t *")
        err = ffi.new("la_error *")
        _check(lib.la_doc_to_json(self._ptr, flags, out, n, err), err)
        try:
            return ffi.unpack(out[0], n[0]).decode("utf-8")
        finally:
            lib.la_free(out[0])

    def _invalidate(self):
        self._cache.clear()

    def close(self):
        """Frees the C document now; records already built keep their values."""
        if self._ptr is not None:
            self.text  # records read their text from here
            ffi.release(self._ptr)
            self._ptr = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"<Document {self.name or ''} {len(self.text)} chars>"


class Corpus:
    """Many documents whose entity mentions share ids across documents.

    corpus = la.Corpus(); doc = corpus.analyze(text, name="a.txt") (or corpus.add(doc))."""

    def __init__(self, pipeline=None):
        self.pipeline = pipeline or _default_pipeline()
        out = ffi.new("la_corpus **")
        err = ffi.new("la_error *")
        _check(lib.la_corpus_new(out, self.pipeline._ptr, err), err)
        self._ptr = ffi.gc(out[0], lib.la_corpus_free)
        self.documents = []

    def add(self, doc):
        """Resolves doc's entities against the corpus (rewrites their entity_id)."""
        err = ffi.new("la_error *")
        _check(lib.la_corpus_add(self._ptr, doc._ptr, err), err)
        doc._invalidate()
        self.documents.append(doc)
        return doc

    def analyze(self, data, format="auto", name=None):
        return self.add(self.pipeline.analyze(data, format=format, name=name))

    def entities(self):
        """[{"id", "label", "canonical", "aliases"}] for every entity seen."""
        out = []
        ids, labels, canon = ffi.new("char **"), ffi.new("char **"), ffi.new("char **")
        for i in range(lib.la_corpus_entity_count(self._ptr)):
            _check(lib.la_corpus_entity(self._ptr, i, ids, labels, canon), None)
            aliases = [_str(lib.la_corpus_alias(self._ptr, i, j))
                       for j in range(lib.la_corpus_alias_count(self._ptr, i))]
            out.append({"id": _str(ids[0]), "label": _str(labels[0]), "canonical": _str(canon[0]),
                        "aliases": aliases})
        return out

    def who_said_what(self):
        """One row per claim over all documents: doc, source, source_id, cue, cue_class,
        kind, content. Ready for pandas.DataFrame(rows)."""
        rows = []
        for d in self.documents:
            for c in d.claims:
                rows.append({"doc": d.name, "source": c.source.text if c.source else None,
                             "source_id": c.source_entity_id, "cue": c.cue.text,
                             "cue_class": c.cue_class, "kind": c.kind, "content": c.content.text})
        return rows


_default = None
_default_lock = threading.Lock()


def _default_pipeline():
    global _default
    with _default_lock:
        if _default is None:
            _default = Pipeline()
        return _default


def analyze(data, format="auto", name=None):
    """Analyses text, bytes or an HTML page with the default pipeline."""
    return _default_pipeline().analyze(data, format=format, name=name)
