"""Speed of the default pipeline, stage by stage, against JioNLP (issue 6).

One command runs everything and writes one JSON result plus a table:

    python benchmarks/perf.py --out benchmarks/results/perf.json
    python benchmarks/perf.py --quick          # ~1 MB corpus, while iterating

What it measures, each part in a fresh subprocess so that one part's memory
and warm caches do not leak into another's figures:

* throughput   the whole default pipeline (all record types) over the corpus,
               one process pinned to one core: chars/s, documents/s, and the
               CPU seconds of every stage through the pipeline's ``on_stage``
               hook (normalise, header, tokenise, entities, each matcher,
               assemble); peak RSS of that process;
* peer         JioNLP ``extract_time`` + ``extract_money`` on the same raw
               documents in the same run (pinned to one core as well);
* scaling      ``Pipeline.pipe(n_process=1)`` against ``n_process=2``, wall
               clock, pipeline built and warmed before the clock starts;
* cold start   a fresh interpreter: import, build the pipeline, extract one
               document (median of three runs; interpreter start-up shown
               apart);
* linearity    chars/s on single documents of 1 KB, 10 KB, 100 KB and 1 MB.

Throughput, peer and scaling run over the corpus in parts (``--parts``, 4 by
default), each part through qextract, then JioNLP, then one and two processes
before the next part starts, so a machine whose speed drifts (other jobs)
treats both sides alike; the JSON keeps each part's speed.

The corpus (at least 10 MB of UTF-8 by default) is built from the fixture
articles (``fixtures/articles``): each document takes one article's head
lines, shuffles its paragraphs (sometimes with a few borrowed from another
article), and adds noise: traditional script (OpenCC s2t), pinyin
annotations, full-width forms, GBK mojibake, spurious commas, page furniture,
image names, CRLF line ends. Everything is seeded and deterministic.

Each output document is hashed (outside the timed region), so two runs on the
same corpus can show that a speed change left every record as it was
(``digest`` in the JSON).

Speeds "per core" are characters per CPU-second of the pinned process: on a
machine shared with other jobs the wall clock stretches, the CPU time much
less. Both are in the JSON and the table, with the load average before and
after; scaling with two processes needs an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import importlib.util
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ARTICLES = ROOT / "fixtures" / "articles"
MAKE_NOISE = ROOT / "fixtures" / "make_noise.py"

FULL_CORPUS_BYTES = 10 * 1024 * 1024
QUICK_CORPUS_BYTES = 1024 * 1024
LINEARITY_SIZES = (1024, 10 * 1024, 100 * 1024, 1024 * 1024)
# Each linearity size is measured over at least this much text, so a 1 KB
# figure is not one document's noise.
LINEARITY_TOTAL_BYTES = 2 * 1024 * 1024
QUICK_LINEARITY_TOTAL_BYTES = 1024 * 1024
COLD_START_RUNS = 3
PEER_TIME_BASE = dt.datetime(2024, 6, 1)

TARGETS = {
    "chars_per_s": 300_000,
    "peer_ratio": 3.0,
    "cold_start_s": 1.0,
    "peak_rss_mb": 300,
    "scaling_2": 1.8,
    "linearity_spread": 1.5,
}

# Page furniture of the kind scrapers keep; the normaliser removes it.
FURNITURE_LINES = (
    "当前位置: 首页 > 新闻中心 > 工作动态",
    "所在位置:首页 > 信息公开 > 部门动态",
    "【打印本页】【关闭窗口】",
    "字体:[ 大 中 小 ]",
    "浏览次数:( )",
    "点击数: 2315",
)
IMAGE_NAMES = ("IMG_2035.JPG", "401.jpg", "photo-2.png", "u=20230615.gif")
_SENTENCE_END = re.compile(r"([。!?！？])")
# Figures that are not part of a date or a clock time: safe to change.
_FIGURE = re.compile(r"(?<![\d.年月])\d{1,4}(?![\d年月日时点:号.-])")


# --------------------------------------------------------------------------
# corpus


@dataclass(frozen=True)
class Article:
    head: list[str]
    paragraphs: list[str]


def _make_noise_module() -> Any:
    """fixtures/make_noise.py, for its noise transforms (one source of truth)."""
    spec = importlib.util.spec_from_file_location("make_noise", MAKE_NOISE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_articles() -> list[Article]:
    """Each fixture as its first two lines (title, header fields) and the body lines."""
    articles = []
    for path in sorted(ARTICLES.glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        articles.append(Article(lines[:2], lines[2:]))
    return articles


class CorpusBuilder:
    """Varied noisy documents from the fixture articles, deterministic for a seed."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.articles = load_articles()
        self.noise = _make_noise_module()

    def documents(self, total_bytes: int) -> list[str]:
        found, size = [], 0
        while size < total_bytes:
            document = self.document()
            found.append(document)
            size += len(document.encode("utf-8"))
        return found

    def document(self) -> str:
        rng = self.random
        article = rng.choice(self.articles)
        paragraphs = list(article.paragraphs)
        if rng.random() < 0.3:
            borrowed = rng.choice([other for other in self.articles if other is not article]).paragraphs
            paragraphs += rng.sample(borrowed, min(len(borrowed), rng.randint(1, 3)))
        rng.shuffle(paragraphs)
        paragraphs = [self._paragraph_noise(self._vary(paragraph)) for paragraph in paragraphs]
        lines = list(article.head) + self._furniture() + paragraphs
        text = rng.choice(("\n", "\n\n")).join(lines)
        return self._page_noise(text)

    def _vary(self, paragraph: str) -> str:
        """Sentences in another order and other figures, so that no two documents
        share many lines (the normaliser drops a body the page repeats)."""
        rng = self.random
        sentences = _SENTENCE_END.split(paragraph)
        if len(sentences) > 2 and rng.random() < 0.7:
            pairs = [sentences[i] + sentences[i + 1] for i in range(0, len(sentences) - 1, 2)]
            rng.shuffle(pairs)
            paragraph = "".join(pairs) + (sentences[-1] if len(sentences) % 2 else "")
        return _FIGURE.sub(lambda match: str(rng.randint(10 ** (len(match.group()) - 1), 10 ** len(match.group()) - 1)), paragraph)

    def _paragraph_noise(self, paragraph: str) -> str:
        rng = self.random
        roll = rng.random()
        if roll < 0.05:
            return self.noise.full_width(paragraph)
        if roll < 0.08:
            return self._garble_clause(paragraph)
        if roll < 0.12:
            return paragraph.replace(",", ",,", 2).replace("。", ",。", 1)
        return paragraph

    def _garble_clause(self, paragraph: str) -> str:
        clauses = paragraph.split(",")
        index = self.random.randrange(len(clauses))
        garble = self.random.choice((self.noise.gbk_shifted, self.noise.utf8_read_as_gbk))
        try:
            clauses[index] = garble(clauses[index])
        except UnicodeEncodeError:  # a character outside GBK: leave the clause
            pass
        return ",".join(clauses)

    def _furniture(self) -> list[str]:
        rng = self.random
        lines = []
        if rng.random() < 0.3:
            lines.append(rng.choice(FURNITURE_LINES))
        if rng.random() < 0.3:
            lines.append(rng.choice(IMAGE_NAMES))
        return lines

    def _page_noise(self, text: str) -> str:
        rng = self.random
        roll = rng.random()
        if roll < 0.25:
            text = self.noise._S2T.convert(text)
        elif roll < 0.32:
            text = self._traditional_with_pinyin(text)
        if rng.random() < 0.1:
            text = text.replace("\n", "\r\n")
        if rng.random() < 0.03:
            text = self.noise.SEO_SPAM + "\n\n" + text
        return text

    def _traditional_with_pinyin(self, text: str) -> str:
        """As make_noise.traditional_with_pinyin, without its template check."""
        traditional = self.noise._S2T.convert(text)
        if len(traditional) != len(text):
            return traditional
        pinyin = self.noise.PINYIN
        return "".join(
            char + f"({pinyin[char]})" if char != source and char in pinyin else char
            for char, source in zip(traditional, text)
        )


def corpus_summary(documents: list[str]) -> dict[str, Any]:
    chars = sum(map(len, documents))
    return {
        "documents": len(documents),
        "chars": chars,
        "utf8_bytes": sum(len(document.encode("utf-8")) for document in documents),
        "mean_chars": round(chars / len(documents)),
    }


def write_corpus(documents: list[str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")


def read_corpus(path: str, part: int = 0, parts: int = 1) -> Iterator[str]:
    """Documents of one part: every ``parts``-th."""
    with open(path, encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if index % parts == part:
                yield json.loads(line)


def warm_up_texts() -> list[str]:
    """The fixture articles: between them they load every lazy table (mojibake
    repair, pinyin, lexicons), which one document may not; cold start is measured apart."""
    return [path.read_text(encoding="utf-8") for path in sorted(ARTICLES.glob("*.txt"))]


# --------------------------------------------------------------------------
# workers: each runs in its own interpreter and prints one JSON line


def _pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[-1]})


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _document_digest(document: Any) -> str:
    return hashlib.sha1(document.to_json().encode("utf-8")).hexdigest()


def worker_throughput(corpus: str, part: int, parts: int) -> dict[str, Any]:
    """The default pipeline over one part of the corpus, one core, with per-stage CPU seconds."""
    from qextract.pipeline import Pipeline

    _pin_to_one_core()
    stage_seconds: dict[str, float] = defaultdict(float)
    pipeline = Pipeline(on_stage=lambda name, seconds: stage_seconds.__setitem__(name, stage_seconds[name] + seconds))
    for text in warm_up_texts():  # not counted
        pipeline(text)
    documents = read_corpus(corpus, part, parts)
    stage_seconds.clear()
    digest = hashlib.sha1()
    chars = count = 0
    wall = cpu = 0.0
    gc.collect()
    for text in documents:
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        document = pipeline(text)
        wall += time.perf_counter() - wall_start
        cpu += time.process_time() - cpu_start
        chars += len(text)
        count += 1
        digest.update(_document_digest(document).encode())
    return {
        "documents": count,
        "chars": chars,
        "wall_s": wall,
        "cpu_s": cpu,
        "chars_per_s": chars / wall,
        "docs_per_s": count / wall,
        "cpu_chars_per_s": chars / cpu,
        "stages_s": dict(stage_seconds),
        "peak_rss_mb": _peak_rss_mb(),
        "digest": digest.hexdigest(),
    }


def worker_peer(corpus: str, part: int, parts: int) -> dict[str, Any]:
    """JioNLP extract_time + extract_money on the same raw documents (one part)."""
    import logging

    import jionlp

    logging.getLogger().setLevel(logging.CRITICAL)  # JioNLP logs every string it cannot read
    _pin_to_one_core()
    for text in warm_up_texts():
        _peer_time(jionlp, text)
        _peer_money(jionlp, text)
    documents = read_corpus(corpus, part, parts)
    seconds = {"extract_time": 0.0, "extract_money": 0.0}
    chars = count = failures = 0
    cpu = 0.0
    for text in documents:
        for name, function in (("extract_time", _peer_time), ("extract_money", _peer_money)):
            start, cpu_start = time.perf_counter(), time.process_time()
            failures += not function(jionlp, text)
            seconds[name] += time.perf_counter() - start
            cpu += time.process_time() - cpu_start
        chars += len(text)
        count += 1
    wall = sum(seconds.values())
    return {
        "documents": count,
        "chars": chars,
        "wall_s": wall,
        "cpu_s": cpu,
        "chars_per_s": chars / wall,
        "docs_per_s": count / wall,
        "cpu_chars_per_s": chars / cpu,
        "stages_s": seconds,
        "exceptions": failures,
        "peak_rss_mb": _peak_rss_mb(),
    }


def _peer_time(jionlp: Any, text: str) -> bool:
    try:
        jionlp.ner.extract_time(text, time_base=PEER_TIME_BASE, with_parsing=True)
        return True
    except Exception:  # JioNLP raises on some inputs; the time spent still counts
        return False


def _peer_money(jionlp: Any, text: str) -> bool:
    try:
        jionlp.ner.extract_money(text, with_parsing=True)
        return True
    except Exception:
        return False


def worker_pipe(corpus: str, n_process: int, part: int, parts: int) -> dict[str, Any]:
    """``Pipeline.pipe`` over one part of the corpus, as a user would run a batch."""
    from qextract.pipeline import Pipeline

    pipeline = Pipeline()
    for text in warm_up_texts():
        pipeline(text)
    texts = list(read_corpus(corpus, part, parts))
    chars = sum(map(len, texts))
    gc.collect()
    start, cpu_start = time.perf_counter(), _cpu_with_children()
    count = sum(1 for _ in pipeline.pipe(texts, n_process=n_process))
    wall, cpu = time.perf_counter() - start, _cpu_with_children() - cpu_start
    return {
        "n_process": n_process,
        "documents": count,
        "chars": chars,
        "wall_s": wall,
        "cpu_s": cpu,
        "chars_per_s": chars / wall,
        "load_average": _load_average(),
    }


def _cpu_with_children() -> float:
    """CPU seconds of this process and its finished workers: with the wall clock it
    tells a pool that does not scale from a machine that is busy elsewhere."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def worker_cold(corpus: str) -> dict[str, Any]:
    """Import, build, first document: what a fresh process pays before its first result."""
    start, cpu_start = time.perf_counter(), time.process_time()
    from qextract.pipeline import Pipeline

    imported = time.perf_counter()
    pipeline = Pipeline()
    built = time.perf_counter()
    pipeline(next(read_corpus(corpus)))
    done = time.perf_counter()
    return {
        "import_s": imported - start,
        "build_s": built - imported,
        "first_document_s": done - built,
        "total_s": done - start,
        "cpu_s": time.process_time() - cpu_start,
        "peak_rss_mb": _peak_rss_mb(),
    }


def worker_linearity(seed: int, total_bytes: int) -> dict[str, Any]:
    """chars/s on documents of growing size, all cut from the same text, one core.

    The sizes take turns, a share of each size's documents per round, so that
    a drift in the machine's speed does not fall on one size.
    """
    from qextract.pipeline import Pipeline

    _pin_to_one_core()
    builder = CorpusBuilder(seed + 1)
    pipeline = Pipeline(max_chars=10_000_000)
    for text in warm_up_texts():
        pipeline(text)
    stream = "\n".join(builder.documents(total_bytes))
    sizes = {size: list(_pieces(stream, size)) for size in LINEARITY_SIZES}
    rounds = min(len(documents) for documents in sizes.values())
    spent = {size: [0.0, 0.0, 0] for size in sizes}  # wall, CPU, clean characters
    for round_ in range(rounds):
        for size, documents in sizes.items():
            gc.collect()
            start, cpu_start = time.perf_counter(), time.process_time()
            for document in documents[round_::rounds]:
                spent[size][2] += len(pipeline(document).text)
            spent[size][0] += time.perf_counter() - start
            spent[size][1] += time.process_time() - cpu_start
    rows = []
    for size, documents in sizes.items():
        wall, cpu, clean_chars = spent[size]
        chars = sum(map(len, documents))
        rows.append(
            {
                "size_bytes": size,
                "documents": len(documents),
                "chars": chars,
                "clean_share": clean_chars / chars,
                "wall_s": wall,
                "cpu_s": cpu,
                "chars_per_s": chars / wall,
                "cpu_chars_per_s": chars / cpu,
            }
        )
    return {"sizes": rows, "rounds": rounds}


def _pieces(stream: str, size: int) -> Iterator[str]:
    """``stream`` cut at the line end nearest below every ``size`` UTF-8 bytes."""
    chars_per_piece = max(1, round(size * len(stream) / len(stream.encode("utf-8"))))
    start = 0
    while start < len(stream):
        end = min(len(stream), start + chars_per_piece)
        line_end = stream.rfind("\n", start, end)
        if end < len(stream) and line_end > start + chars_per_piece // 2:
            end = line_end + 1
        yield stream[start:end]
        start = end


WORKERS = {
    "throughput": lambda args: worker_throughput(args.corpus, args.part, args.parts),
    "peer": lambda args: worker_peer(args.corpus, args.part, args.parts),
    "pipe": lambda args: worker_pipe(args.corpus, args.n_process, args.part, args.parts),
    "cold": lambda args: worker_cold(args.corpus),
    "linearity": lambda args: worker_linearity(args.seed, args.linearity_bytes),
}


# --------------------------------------------------------------------------
# driver


def run_worker(kind: str, corpus: Path, **options: Any) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--corpus", str(corpus)]
    for key, value in options.items():
        command += [f"--{key.replace('_', '-')}", str(value)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"worker {kind} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = wall
    return result


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": model or platform.processor(),
        "cores": os.cpu_count(),
        "memory_gib": round(memory_gib, 1),
        "system": f"{platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "packages": _versions("jieba", "jionlp", "opencc", "regex", "pyahocorasick", "cn2an"),
    }


def _versions(*names: str) -> dict[str, Optional[str]]:
    from importlib import metadata

    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def measure(args: argparse.Namespace) -> dict[str, Any]:
    corpus_bytes = QUICK_CORPUS_BYTES if args.quick else args.megabytes * 1024 * 1024
    documents = CorpusBuilder(args.seed).documents(corpus_bytes)
    result: dict[str, Any] = {
        "command": " ".join([Path(sys.executable).name, "benchmarks/perf.py"] + sys.argv[1:]),
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "corpus": {**corpus_summary(documents), "seed": args.seed},
        "load_average": {"before": _load_average()},
    }
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        write_corpus(documents, corpus)
        del documents
        result.update(_interleaved_parts(corpus, args))
        _progress("cold start")
        result["cold_start"] = _cold_start(corpus)
        if not args.no_linearity:
            _progress("linearity")
            total = QUICK_LINEARITY_TOTAL_BYTES if args.quick else LINEARITY_TOTAL_BYTES
            result["linearity"] = run_worker("linearity", corpus, seed=args.seed, linearity_bytes=total)["sizes"]
    result["load_average"]["after"] = _load_average()
    result["targets"] = check_targets(result)
    return result


def _interleaved_parts(corpus: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Throughput, peer and scaling, part by part in turn.

    On a machine shared with other jobs the speed of a core drifts by tens of
    percent within minutes; running qextract and JioNLP (and one and two
    processes) on the same part one after the other, part after part, lets
    the drift hit both sides alike, so their ratios hold.
    """
    parts = 2 if args.quick else args.parts
    runs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for part in range(parts):
        options = {"part": part, "parts": parts}
        _progress(f"part {part + 1}/{parts}: throughput")
        runs["throughput"].append(run_worker("throughput", corpus, **options))
        if not args.no_peer:
            _progress(f"part {part + 1}/{parts}: peer (JioNLP)")
            runs["peer"].append(run_worker("peer", corpus, **options))
        if not args.no_scaling:
            _progress(f"part {part + 1}/{parts}: pipe(n_process=1, 2)")
            for n_process in (1, 2):
                runs[f"pipe{n_process}"].append(run_worker("pipe", corpus, n_process=n_process, **options))
    combined: dict[str, Any] = {"throughput": _combine(runs["throughput"])}
    if runs["peer"]:
        combined["peer"] = _combine(runs["peer"])
    if runs["pipe1"]:
        combined["scaling"] = [{**_combine(runs[f"pipe{n}"]), "n_process": n} for n in (1, 2)]
    return combined


def _combine(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One result from the parts: totals summed, rates recomputed, peaks maximal."""
    total: dict[str, Any] = {key: sum(run[key] for run in runs) for key in ("documents", "chars", "wall_s")}
    if "cpu_s" in runs[0]:
        total["cpu_s"] = sum(run["cpu_s"] for run in runs)
        total["cpu_chars_per_s"] = total["chars"] / total["cpu_s"]
    total["chars_per_s"] = total["chars"] / total["wall_s"]
    total["docs_per_s"] = total["documents"] / total["wall_s"]
    if "stages_s" in runs[0]:
        stages: dict[str, float] = defaultdict(float)
        for run in runs:
            for name, seconds in run["stages_s"].items():
                stages[name] += seconds
        total["stages_s"] = dict(stages)
    if "peak_rss_mb" in runs[0]:
        total["peak_rss_mb"] = max(run["peak_rss_mb"] for run in runs)
    if "exceptions" in runs[0]:
        total["exceptions"] = sum(run["exceptions"] for run in runs)
    if "digest" in runs[0]:
        total["digest"] = hashlib.sha1("".join(run["digest"] for run in runs).encode()).hexdigest()
    total["parts_cpu_chars_per_s" if "cpu_s" in runs[0] else "parts_chars_per_s"] = [
        run.get("cpu_chars_per_s", run["chars_per_s"]) for run in runs
    ]
    return total


def _load_average() -> list[float]:
    """Other jobs on the machine distort wall-clock figures; the JSON records how busy it was."""
    return [round(load, 2) for load in os.getloadavg()]


def _cold_start(corpus: Path) -> dict[str, Any]:
    runs = [run_worker("cold", corpus) for _ in range(COLD_START_RUNS)]
    median = statistics.median(run["total_s"] for run in runs)
    chosen = min(runs, key=lambda run: abs(run["total_s"] - median))
    interpreter = statistics.median(_interpreter_start() for _ in range(COLD_START_RUNS))
    return {
        **chosen,
        "runs_total_s": [run["total_s"] for run in runs],
        "runs_cpu_s": [run["cpu_s"] for run in runs],
        "interpreter_start_s": interpreter,
    }


def _interpreter_start() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


def _progress(what: str) -> None:
    print(f"[perf] {what} ...", file=sys.stderr, flush=True)


def check_targets(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    checks: dict[str, dict[str, Any]] = {}

    def check(name: str, value: Optional[float], at_most: bool = False) -> None:
        if value is None:
            return
        target = TARGETS[name]
        checks[name] = {"value": value, "target": target, "met": value <= target if at_most else value >= target}

    # Per core = per CPU-second of the pinned process: other jobs on a shared
    # machine stretch the wall clock but not the CPU time (JSON keeps both).
    throughput = result["throughput"]
    check("chars_per_s", throughput["cpu_chars_per_s"])
    if "peer" in result:
        check("peer_ratio", throughput["cpu_chars_per_s"] / result["peer"]["cpu_chars_per_s"])
    check("cold_start_s", result["cold_start"]["total_s"], at_most=True)
    check("peak_rss_mb", throughput["peak_rss_mb"], at_most=True)
    if "scaling" in result:
        one, two = result["scaling"]
        check("scaling_2", one["wall_s"] / two["wall_s"])
    if "linearity" in result:
        speeds = [row["cpu_chars_per_s"] for row in result["linearity"]]
        check("linearity_spread", max(speeds) / min(speeds), at_most=True)
    return checks


# --------------------------------------------------------------------------
# report

STAGE_ORDER = ("normalise", "header", "tokenise", "entities", "dates", "documents", "slogans", "bylines", "officials", "statistics", "meetings", "assemble")


def table(result: dict[str, Any]) -> str:
    """The result as markdown tables (also what docs/benchmarks.md shows)."""
    corpus, throughput = result["corpus"], result["throughput"]
    lines = [
        f"Corpus: {corpus['documents']} documents, {corpus['chars']:,} characters "
        f"({corpus['utf8_bytes'] / 2**20:.1f} MB UTF-8, mean {corpus['mean_chars']:,} chars), seed {corpus['seed']}.",
        "",
        f"Load average before/after: {result['load_average']['before']} / {result['load_average']['after']}.",
        "",
        "| run | chars/s (CPU) | chars/s (wall) | docs/s (wall) | seconds (wall) |",
        "|---|---:|---:|---:|---:|",
        _speed_row("qextract, default pipeline (1 core)", throughput),
    ]
    if "peer" in result:
        peer = result["peer"]
        lines.append(_speed_row("JioNLP extract_time + extract_money (1 core)", peer))
        for name, seconds in peer["stages_s"].items():
            lines.append(f"| &nbsp;&nbsp;JioNLP {name} | | {peer['chars'] / seconds:,.0f} | | {seconds:.2f} |")
    for run in result.get("scaling", []):
        lines.append(
            f"| qextract pipe(n_process={run['n_process']}), CPU {run['cpu_s']:.1f} s | | {run['chars_per_s']:,.0f} | {run['documents'] / run['wall_s']:,.1f} | {run['wall_s']:.2f} |"
        )
    lines += ["", "| stage | share | chars/s (CPU) | CPU seconds |", "|---|---:|---:|---:|"]
    stages = throughput["stages_s"]
    total = sum(stages.values())
    for name in sorted(stages, key=lambda stage: STAGE_ORDER.index(stage) if stage in STAGE_ORDER else len(STAGE_ORDER)):
        seconds = stages[name]
        lines.append(f"| {name} | {seconds / total:.1%} | {throughput['chars'] / seconds:,.0f} | {seconds:.2f} |")
    cold = result["cold_start"]
    lines += [
        "",
        f"Cold start (fresh process, median of {len(cold['runs_total_s'])}): {cold['total_s']:.2f} s = import {cold['import_s']:.2f}"
        f" + build {cold['build_s']:.2f} + first document {cold['first_document_s']:.2f}"
        f" (CPU {cold['cpu_s']:.2f} s; interpreter start-up {cold['interpreter_start_s']:.2f} s on top). "
        f"Peak RSS: {throughput['peak_rss_mb']:.0f} MB over the corpus, {cold['peak_rss_mb']:.0f} MB after one document.",
    ]
    if "linearity" in result:
        lines += ["", "| document size | documents | chars/s (CPU) | chars/s (wall) | kept by normalise |", "|---|---:|---:|---:|---:|"]
        for row in result["linearity"]:
            lines.append(
                f"| {_size(row['size_bytes'])} | {row['documents']} | {row['cpu_chars_per_s']:,.0f} | {row['chars_per_s']:,.0f} | {row['clean_share']:.0%} |"
            )
    lines += ["", "| target | value | goal | met |", "|---|---:|---:|:---:|"]
    for name, check in result["targets"].items():
        relation = "<=" if name in ("cold_start_s", "peak_rss_mb", "linearity_spread") else ">="
        lines.append(f"| {name} | {_number(check['value'])} | {relation} {_number(check['target'])} | {'yes' if check['met'] else 'no'} |")
    return "\n".join(lines)


def _speed_row(label: str, run: dict[str, Any]) -> str:
    return f"| {label} | {run['cpu_chars_per_s']:,.0f} | {run['chars_per_s']:,.0f} | {run['docs_per_s']:,.1f} | {run['wall_s']:.2f} |"


def _size(size: int) -> str:
    return f"{size // 2**20} MB" if size >= 2**20 else f"{size // 2**10} KB"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 1000 else f"{value:.2f}"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", help="write the JSON result here")
    parser.add_argument("--quick", action="store_true", help="a 1 MB corpus, for iterating")
    parser.add_argument("--megabytes", type=int, default=FULL_CORPUS_BYTES // 2**20, help="corpus size in MB of UTF-8")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--parts", type=int, default=4, help="interleave qextract and JioNLP over this many parts (2 with --quick)")
    parser.add_argument("--no-peer", action="store_true", help="skip JioNLP")
    parser.add_argument("--no-scaling", action="store_true", help="skip pipe(n_process=2)")
    parser.add_argument("--no-linearity", action="store_true", help="skip the 1 KB..1 MB documents")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--n-process", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--part", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--linearity-bytes", type=int, default=LINEARITY_TOTAL_BYTES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker](args)))
        return 0
    result = measure(args)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
