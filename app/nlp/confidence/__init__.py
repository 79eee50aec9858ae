"""Claim confidence: the probability that a claim is fully correct, from the evidence behind it.

``traces.py`` reads the kind of each line of a claim's trace; ``features.py`` turns a resolved claim into
named features; ``model.py`` is the logistic regression over them (fitted, saved as
``models/confidence.json``, loaded at run time); ``train.py`` fits it on the development gold and
measures its calibration by cross-validation over articles (``whosaid train-confidence``).
The spaCy component ``whosaid_confidence`` (``app.nlp.components``) writes the confidence on each claim.
"""
