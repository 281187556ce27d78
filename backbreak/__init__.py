"""backbreak: movement-break prompts that respect work hours, sleep and meetings."""

__version__ = "0.1.0"
