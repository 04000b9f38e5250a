#!/usr/bin/env python3
"""List PolNeAR attributions as UTF-8 byte spans, the input of tools/train_claims.

  polnear_spans.py DIR > spans.tsv

Reads DIR/*.ann (brat standoff: T lines give spans in code points, possibly in pieces
"s e;s e"; E lines tie Source, Cue and Content together) beside DIR/*.txt, and writes:

  doc<TAB>/path/to/file.txt
  claim<TAB>cue_start cue_end<TAB>content_start content_end<TAB>source_start source_end

with byte offsets into the file, a span in pieces taken from its first start to its last
end, and "-1 -1" for a claim without a source. Only offsets leave the corpus."""
import sys
from pathlib import Path


def attributions(ann_text):
    """(cue, content, source) code point spans of each attribution; source may be None."""
    spans, rels = {}, []
    for line in ann_text.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, rng = parts[1].partition(" ")
            try:
                pieces = [tuple(map(int, p.split())) for p in rng.split(";")]
            except ValueError:
                continue
            spans[parts[0]] = (min(p[0] for p in pieces), max(p[1] for p in pieces))
        elif line.startswith("E") and len(parts) >= 2:
            rels.append(dict(a.split(":", 1) for a in parts[1].split() if ":" in a))
    for r in rels:
        if r.get("Cue") in spans and r.get("Content") in spans:
            yield spans[r["Cue"]], spans[r["Content"]], spans.get(r.get("Source"))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = Path(sys.argv[1])
    if not folder.is_dir():
        sys.exit(f"polnear_spans.py: {folder} not found (the shared data must be beside the repository)")
    out = sys.stdout
    for ann in sorted(folder.glob("*.ann")):
        txt = ann.with_suffix(".txt")
        if not txt.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        byte_at = [0] * (len(text) + 1)
        for i, ch in enumerate(text):
            byte_at[i + 1] = byte_at[i] + len(ch.encode("utf-8"))

        def b(span):
            if span is None:
                return "-1 -1"
            s, e = (min(max(x, 0), len(text)) for x in span)
            return f"{byte_at[s]} {byte_at[e]}"

        out.write(f"doc\t{txt.resolve()}\n")
        for cue, content, source in attributions(ann.read_text(encoding="utf-8")):
            out.write(f"claim\t{b(cue)}\t{b(content)}\t{b(source)}\n")


if __name__ == "__main__":
    main()
