"""What a claim is matched by, and the buckets that find its candidates (README, "Stories").

- content words: the claim's lowercased words without spaCy's English stop words; their Jaccard and
  overlap coefficient are the lexical signal. A name (a word capitalised inside the claim, 'Prigozhin',
  'Belarus') keeps its capital: it tells whom a claim is about, not what it says (`Fingerprint.names`).
- a datasketch MinHash of the content words; its LSH bands (datasketch's band count and width for a
  Jaccard threshold of 0.25 over 64 permutations: 18 bands of 2) are buckets, so near-duplicate wordings
  meet; except a band whose minima both come from one word, which says only that the claim has that word:
  such bands of common words ('company', 'agreement') gathered every short claim that had them, so the
  candidates of a claim grew with the store. The bands are of the words of two letters or more (the 's'
  of "Putin's" and the 'U' of "U.S." find nothing worth finding), and a claim needs two such words for any
  band (a link needs two shared words).
- the WordLlama embedding; the signs of its projections on fixed random hyperplanes make SimHash bands
  (an approximate-neighbour index for cosine) of 8 bits, 32 of them, inside a speaker's block (its folded surname, the
  telling words of the organization it speaks for, an unnamed source's affiliation; `speaker_blocks`), where a compatible speaker allows a
  paraphrase. Every link needs shared content words too (`decide`), which the MinHash bands find across
  blocks; there is no global embedding band, whose buckets would fill as the store grows.
Every bucket is a deterministic function of one claim, so whether two claims meet never depends on which
was stored first.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH
from spacy.lang.en.stop_words import STOP_WORDS

from app.stories.embedding import DIM, embed
from app.stories.names import content_words as name_words
from app.stories.names import ascii_words, fold_name, fold_word, singular, surname_key
from app.stories.speakers import OPEN, SAME, Speaker, compatibility, person_owner

NUM_PERM = 64
LSH_THRESHOLD = 0.25
_LSH = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
SCHEME = "affine32"   # named, so that stored bands stay comparable whatever datasketch's default becomes
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations
_EMPTY = MinHash(num_perm=NUM_PERM, seed=1, permutations=_PERMUTATIONS, scheme=SCHEME).hashvalues
BLOCK_BANDS, BLOCK_BITS = 32, 8   # P(a shared band) 0.87 at cosine 0.6, 0.12 for orthogonal claims
_RNG = np.random.default_rng(20261205)
_PLANES = _RNG.standard_normal((BLOCK_BANDS * BLOCK_BITS, DIM)).astype(np.float32)
_WORD = re.compile(r"\w+", re.UNICODE)
_OPENERS = ".!?\u201c\u2018(["   # a capital after one of these may open a sentence or a quotation


@dataclass(frozen=True)
class Fingerprint:
    words: frozenset[str]      # content words (`content_words`): names capitalised, the rest lowercase
    minhash: np.ndarray        # uint64, NUM_PERM values
    embedding: np.ndarray      # float32, unit length
    speaker: Speaker

    def buckets(self) -> list[str]:
        indexed = frozenset(w for w in self.folded if len(w) > 1)
        lexical = _minhash_buckets(indexed) if len(indexed) >= MIN_SHARED_WORDS_SAME else []
        return sorted(set(lexical + _embedding_buckets(self.embedding, self.speaker)))

    @cached_property
    def folded(self) -> frozenset[str]:
        """The content words, all lowercase: what the lexical signal compares."""
        return frozenset(w.lower() for w in self.words)

    @cached_property
    def names(self) -> frozenset[str]:
        """The lowercased words the claim writes as names (none for fingerprints stored all lowercase)."""
        return frozenset(w.lower() for w in self.words if w[:1].isupper())


def content_words(text: str) -> frozenset[str]:
    """The words of a claim without stop words, lowercase, except a name: a word capitalised where no
    sentence or quotation opens ('the criminal case against Prigozhin' -> {'criminal', 'case', 'Prigozhin'};
    'Criminal charges ...' -> {'criminal', 'charges'}). A claim without a lowercase word inside a sentence
    is in title case or capitals ('Prigozhin To Move To Belarus Under Deal'): its capitals tell nothing."""
    words: set[str] = set()
    names: set[str] = set()
    lowercase_inside = False
    end = None
    for match in _WORD.finditer(text):
        opens = end is None or _opens(text[end:match.start()].rstrip())
        end = match.end()
        word = match.group().lower()
        if word in STOP_WORDS:
            continue
        if match.group()[:1].isupper() and not opens:
            names.add(word)
        else:
            words.add(word)
            lowercase_inside = lowercase_inside or (not opens and match.group()[:1].islower())
    if not lowercase_inside:
        return frozenset(words | names)
    return frozenset((words - names) | {w[:1].upper() + w[1:] for w in names})


def _opens(gap: str) -> bool:
    """Whether the text between two words ends where a sentence or a quotation may open: after '.', an
    opening quotation mark, or a straight quotation mark with a space before it (' "There', not ',"')."""
    if not gap:
        return False
    if gap[-1] in "\"'":
        return len(gap) >= 2 and gap[-2].isspace()
    return gap[-1] in _OPENERS


def fingerprints(texts: list[str], speakers: list[Speaker]) -> list[Fingerprint]:
    """One fingerprint per claim text (embedded in one batch)."""
    vectors = embed(texts)
    out = []
    for text, speaker, vector in zip(texts, speakers, vectors):
        words = content_words(text)
        out.append(Fingerprint(words=words, minhash=minhash(w.lower() for w in words), embedding=vector,
                               speaker=speaker))
    return out


def minhash(words: Iterable[str]) -> np.ndarray:
    """datasketch's MinHash of a set of words (uint64, NUM_PERM values)."""
    hashes = _word_hashes(words)
    return hashes.min(axis=0) if len(hashes) else _EMPTY.copy()


def _word_hashes(words: Iterable[str]) -> np.ndarray:
    """Each word's hash under each permutation: one row per word, in sorted order."""
    rows = [_hashes_of(w) for w in sorted(set(words))]
    return np.stack(rows) if rows else np.empty((0, NUM_PERM), dtype=np.uint64)


@lru_cache(maxsize=100_000)
def _hashes_of(word: str) -> np.ndarray:
    one = MinHash(num_perm=NUM_PERM, seed=1, permutations=_PERMUTATIONS, scheme=SCHEME)  # drawn once: costly
    one.update(word.encode("utf-8"))
    values = one.hashvalues.copy()
    values.flags.writeable = False   # shared by every claim with this word
    return values


# Words of a role or an organization's name that tell nothing of which one it is: a block of each would
# hold every chairman, every "... Corp" and every bank of the store (on Reuters' 1987 copy the blocks of
# "company", "chairman", "corp" and "bank" held 1,200-2,100 claims each after 15,000 stories).
_BLOCK_GENERIC = {fold_word(w) for w in """company companies corp corporation inc incorporated co ltd limited plc
    llc group holdings bank department ministry office board agency committee council government international
    national association union federal state new york chairman director vice executive president manager
    official officials analyst analysts trade finance financial industry industries market markets securities
    investment investments services service general american united""".split()}


def speaker_blocks(speaker: Speaker) -> list[str]:
    """The blocks a speaker's claims are indexed in: claims of compatible speakers share one. A person is
    in the block of their surname and of each telling word of their role ('Kremlin spokesman Dmitry
    Peskov': 'peskov', 'kremlin'), an organization in those of the telling words of its name ('the
    Kremlin'), an unnamed source in that of its affiliation, or of its head noun where it has none
    ('U.S. officials': 'us'; 'analysts': 'analyst'): one block for every unnamed source held 7,300 claims
    after 15,000 Reuters stories, and every new one met a sixth of them."""
    if speaker.type == "person":
        return [f"p:{surname_key(speaker.name)}"] + [f"r:{w}" for w in sorted(speaker.roles) if _telling(w)]
    if speaker.type == "organization":
        # ("Peskov's office": also in the block of the person whose office it is)
        owner = [f"p:{key}"] if (owner_name := person_owner(speaker.name)) and (key := surname_key(owner_name)) else []
        return owner + ([f"r:{w}" for w in sorted(name_words(speaker.name)) if _telling(w)] or [f"o:{fold_name(speaker.name)}"])
    if speaker.type == "anonymous":
        if affiliation := name_words(speaker.affiliation):
            return [f"a:{w[:4]}" for w in sorted(affiliation)]  # 'Ukraine' and 'Ukrainian' agree on four letters
        words = ascii_words(speaker.name)
        return [f"a:{singular(words[-1])}"] if words else ["anonymous"]
    return []


def _telling(word: str) -> bool:
    return len(word) > 2 and word not in _BLOCK_GENERIC


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=12).hexdigest()


def _minhash_buckets(words: frozenset[str]) -> list[str]:
    """The LSH bands of the words' MinHash whose minima come from more than one word."""
    hashes = _word_hashes(words)
    values, source = hashes.min(axis=0), hashes.argmin(axis=0)
    return [f"m{i}:{_digest(values[lo:hi].tobytes().hex())}" for i, (lo, hi) in enumerate(_LSH.hashranges)
            if len(set(source[lo:hi].tolist())) > 1]


def _bits(vector: np.ndarray) -> str:
    return "".join("1" if x > 0 else "0" for x in _PLANES @ vector)


def _embedding_buckets(vector: np.ndarray, speaker: Speaker) -> list[str]:
    bits = _bits(vector)
    bands = [bits[i * BLOCK_BITS:(i + 1) * BLOCK_BITS] for i in range(BLOCK_BANDS)]
    return [f"s{i}:{_digest(block, band)}" for block in speaker_blocks(speaker) for i, band in enumerate(bands)]


# ------------------------------------------------------------------------------------------------
# the pair decision


# Chosen on ../shared/stories (both stories, B-cubed F1 over matched claims): a semantic match counts only
# with some shared content words too (the semantic signal alone chains every remark on one topic into one
# story), and a near-duplicate wording counts on its own.
SAME_COSINE, SAME_OVERLAP, SAME_JACCARD = 0.6, 0.5, 0.25
OPEN_COSINE, OPEN_OVERLAP, OPEN_JACCARD = 0.8, 0.5, 0.3
OTHER_JACCARD = 0.6   # speakers that differ, wordings that are near copies (a misread speaker)
# fewer shared content words link nothing: short fragments ("there will be a problem", "10 mln dlrs") would
# otherwise chain thousands of unrelated claims into one story; one speaker's claims need fewer
MIN_SHARED_WORDS, MIN_SHARED_WORDS_SAME = 3, 2


def similarity(a: Fingerprint, b: Fingerprint) -> tuple[float, float, float]:
    """(cosine of the embeddings, Jaccard of the content words, their overlap coefficient); symmetric."""
    cosine = float(np.dot(a.embedding, b.embedding))
    if not a.words or not b.words:
        return cosine, 0.0, 0.0
    common = len(a.folded & b.folded)
    return cosine, common / len(a.folded | b.folded), common / min(len(a.folded), len(b.folded))


@lru_cache(maxsize=65536)
def _compatibility(a: Speaker, b: Speaker) -> int:
    """`compatibility`, kept for the speaker pairs met again: four fifths of a decision's time was the
    speakers' names folded and compared, and a claim's candidates share few speakers."""
    return compatibility(a, b)


def decide(a: Fingerprint, b: Fingerprint) -> float | None:
    """The link score of two claims when they state the same thing by compatible speakers, else None;
    symmetric, and a function of the two claims alone (so stories do not depend on ingest order). A
    near-copy (Jaccard) links on its own, a paraphrase needs the embeddings' cosine and shared words.
    Two claims that share only names (and letters, the 's' of "Putin's") need the strict semantic
    agreement (OPEN_COSINE) whatever their speakers: two remarks of one speaker about the same people and
    places ("Putin vouches for Prigozhin's exit to Belarus", "Lukashenko mediated with Putin's consent
    because he knew Prigozhin") share names and embed fairly near each other, yet say different things;
    one remark reworded around a name ("they were Putin's opponents", "they opposed Putin") embeds nearer."""
    shared = a.folded & b.folded
    if len(shared) < MIN_SHARED_WORDS_SAME:
        return None
    names_only = not any(len(w) > 1 for w in shared - a.names - b.names)
    if names_only and float(np.dot(a.embedding, b.embedding)) < OPEN_COSINE:
        return None
    cosine, jaccard, overlap = similarity(a, b)
    if not (cosine >= SAME_COSINE and overlap >= SAME_OVERLAP or jaccard >= SAME_JACCARD):
        return None  # not even one speaker's paraphrase (the loosest test): the speakers need not be compared
    level = _compatibility(a.speaker, b.speaker)
    if level != SAME and len(shared) < MIN_SHARED_WORDS:
        return None
    score = round(max(cosine, overlap), 4)
    if level == SAME and ((cosine >= SAME_COSINE and overlap >= SAME_OVERLAP) or jaccard >= SAME_JACCARD):
        return score
    if level == OPEN and ((cosine >= OPEN_COSINE and overlap >= OPEN_OVERLAP) or jaccard >= OPEN_JACCARD):
        return score
    if jaccard >= OTHER_JACCARD:
        return score
    return None
