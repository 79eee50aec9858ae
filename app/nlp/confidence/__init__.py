"""Claim confidence: the probability that a claim is fully correct, from the evidence behind it.

``traces.py`` reads the kind of each line of a claim's trace; ``features.py`` turns a resolved claim into
named features; ``model.py`` is the logistic regression over them (fitted, saved as
``models/confidence.json``, loaded at run time); ``unseen.py`` keeps the sample of blind batches of
real pages it is fitted on (``whosaid record-unseen``); ``train.py`` fits it there, measured leaving one
batch out, or on the development gold, by cross-validation over articles (``whosaid train-confidence``).
The spaCy component ``whosaid_confidence`` (``app.nlp.components``) writes the confidence on each claim.
"""
