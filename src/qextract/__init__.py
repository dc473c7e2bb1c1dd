"""qextract: typed records from Chinese government news on quality and market regulation."""

__version__ = "0.1.0"
