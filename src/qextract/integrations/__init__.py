"""qextract inside other libraries: the spaCy pipeline component lives here.

Each module imports its library at import time, so import only the one you
use; the package itself imports nothing optional.
"""
