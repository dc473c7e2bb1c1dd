"""Stage 1: normalisation. Raw page in; clean simplified text and an offset map out."""

from qextract.text.decode import decode_input
from qextract.text.normalise import NormalisedText, Repair, normalise
from qextract.text.offsets import Edit, OffsetMap

__all__ = ["Edit", "NormalisedText", "OffsetMap", "Repair", "decode_input", "normalise"]
