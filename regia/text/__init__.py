"""French text toolkit: normalisation, tokens, lemmas, stopwords, sentence embeddings."""

from regia.text.lemmas import lemma_tokens, lemmatize
from regia.text.normalize import fold, normalize, tokens

__all__ = ["fold", "lemma_tokens", "lemmatize", "normalize", "tokens"]
