"""The bundled demo corpus, written by the watchfloor authors."""

from watchfloor.demo.corpus import corpus_path, iter_demo_documents

__all__ = ["corpus_path", "iter_demo_documents"]
