"""Who said what in the sample articles, and which entities they mention.

    python examples/analyze.py examples/articles/*.txt
"""
import sys
from pathlib import Path

import libanalysis as la

corpus = la.Corpus()
for path in sys.argv[1:] or sorted(Path(__file__).parent.glob("articles/*")):
    doc = corpus.analyze(Path(path).read_bytes(), name=Path(path).name)
    print(f"== {doc.name}: {doc.metadata['title']!r} by {doc.metadata['byline']}, {doc.metadata['date']}")
    for e in doc.entities[:12]:
        print(f"   {e.label:<10} {e.entity_id or '-':<24} {e.text}")

print("\nwho said what:")
for row in corpus.who_said_what():
    print(f"  {row['source'] or '(unnamed)'} [{row['cue_class']}, {row['kind']}]: {row['content'][:90]}")
