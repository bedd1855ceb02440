"""Offsets are Unicode code points into the article body: Python's str indexes exactly those."""


class ProvenanceError(AssertionError):
    """An evidence span does not slice back to its quoted text: the chain is broken."""


def codepoint_slice(body, start, end):
    # A Python str is a sequence of code points, so a plain slice is the contract's slice
    # (a JavaScript client would have to use Array.from(body) instead).
    return body[start:end]
