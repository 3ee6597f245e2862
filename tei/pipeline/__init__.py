"""`tei build`: sources → encode → validate → web → PDF, parallel, incremental, distributable.

    config.py     edition.toml → frozen settings (unknown keys and wrong types named)
    model.py      the values shipped to workers: documents, stage results, diagnostics
    stages.py     the stage table: one small adapter per stage module
    worker.py     one document through the document stages, wherever it runs
    executors.py  this process, a process pool, or a Dask cluster
    cache.py      the content-hash manifest in build/.cache, and the journal of finished documents
    outputs.py    atomic writes on a few threads, into a layout of output folders
    build.py      the run: plan, document stages, shared stages, manifest, report
    single.py     `tei encode`, `tei web`, `tei pdf` on the same stages and executors, without a cache
    progress.py   bars on a terminal, plain lines elsewhere
    report.py     build/report.json and the summary table
"""

__all__ = [
    "BuildOptions", "ConfigError", "EditionConfig", "build_edition", "default_config", "load_config",
]


def __getattr__(name: str):
    # Imported on first use: a pool worker imports tei.pipeline.worker, and each process it
    # spawns would otherwise load the whole build (cache, executors, report) before its first document.
    if name in ("BuildOptions", "build_edition"):
        from tei.pipeline import build

        return getattr(build, name)
    if name in __all__:
        from tei.pipeline import config

        return getattr(config, name)
    raise AttributeError(f"module 'tei.pipeline' has no attribute {name!r}")
