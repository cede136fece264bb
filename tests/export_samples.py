"""Puzzles for the export tests, built by hand from Grid + Puzzle/Hints.

Shared by tests/test_export_*.py (plain module import; pytest puts tests/ on sys.path).
"""

from __future__ import annotations

from crossword.grid import Grid
from crossword.puzzle import Hints, Puzzle


def sea_puzzle() -> Puzzle:
    """A free-form puzzle whose clues try every escape and encoding edge.

        . . W A V E        1-across WAVE, 1-down WHALE (same number: .puz order)
        . . H . . .        2-across OCEAN
        . . A . . .        3-down CAFE, 4-down ANT
        . . L . . .
        O C E A N .
        . A . N . .
        . F . T . .
        . E . . . .

    Title and clues hold HTML, quotes, Latin-1 and non-Latin-1 accents,
    typographic punctuation, emoji with variation selectors and ZWJ sequences;
    ANT has no emoji clue.
    """
    grid = Grid(("##WAVE", "##H###", "##A###", "##L###", "OCEAN#", "#A#N##", "#F#T##", "#E####"))
    return Puzzle(
        grid=grid,
        clues={
            "1-across": Hints("Surf’s up! A “breaker” – or a hello 👋", "🌊🏄‍♀️", "4"),
            "1-down": Hints("Ocean giant <script>alert('x')</script> & friends", "🐋", "5"),
            "2-across": Hints('Pacific or Atlantic, e.g. "big blue"', "🌊🐋🏝️", "5"),
            "3-down": Hints("Où l'on boit un café, from Łódź to Orléans", "☕🥐", "4"),
            "4-down": Hints("Tiny worker… six-legged", None, "3"),
        },
        title="Sea & Space 👩‍🚀: “Test” <i>puzzle</i>",
        seed=3,
        topic="the sea",
        created_at="2025-11-29T06:53:00+00:00",
    )


def tiny_puzzle() -> Puzzle:
    """
        C A T
        . . O
        . . P
    1-across CAT, 2-down TOP.
    """
    return Puzzle(
        grid=Grid(("CAT", "##O", "##P")),
        clues={
            "1-across": Hints("Purring pet", "🐈", "3"),
            "2-down": Hints("Spinning toy", "🪀", "3"),
        },
        title="Tiny",
    )


def blocked_puzzle() -> Puzzle:
    """A classic blocked 3x3 with a centre block and a multi-word enumeration.

    A B C      1-across ABC (1,2), 3-across FGH
    D . E      1-down ADF, 2-down CEH
    F G H
    """
    grid = Grid(("ABC", "D#E", "FGH"))
    clues = {e.id: Hints(f"Clue for {e.answer}", "🔤", str(e.length)) for e in grid.entries}
    clues["1-across"] = Hints("Letters, à la française", "🔤", "1,2")
    return Puzzle(grid=grid, clues=clues, title="Blocked")


SEA_WORDS = [
    ("OCEAN", "Pacific or Atlantic", "🌊"),
    ("WHALE", "Largest animal ever to have lived", "🐋"),
    ("ISLAND", "Land surrounded by water", "🏝️"),
    ("CORAL", "Reef builder that bleaches in warm water", "🪸"),
    ("SHARK", "Predator with several rows of teeth", "🦈"),
    ("SAILOR", "One who works aboard a ship", "⛵👨‍✈️"),
    ("ANCHOR", "It keeps a boat from drifting", "⚓"),
    ("TIDE", "Rise and fall of the sea, twice a day", "🌊🌙"),
    ("BEACH", "Sandy shore where towels are spread", "🏖️"),
    ("CRAB", "Sideways walker with claws", "🦀"),
    ("OCTOPUS", "Eight-armed escape artist", "🐙"),
    ("DOLPHIN", "Clever, clicking marine mammal", "🐬"),
    ("SEAGULL", "Chip thief of the promenade", "🐦🍟"),
    ("LIGHTHOUSE", "Coastal tower with a lamp", "🗼💡"),
    ("PIRATE", "Buccaneer after treasure", "🏴‍☠️"),
]

MORE_WORDS = [
    ("ASTRONAUT", "Space traveller", "👩‍🚀"),
    ("ROCKET", "Launch vehicle", "🚀"),
    ("PLANET", "Mars or Venus", "🪐"),
    ("COMET", "Icy visitor with a tail", "☄️"),
    ("GALAXY", "Milky Way, for one", "🌌"),
    ("MOON", "Earth's satellite", "🌙"),
    ("STAR", "Sun, for instance", "⭐"),
    ("ORBIT", "Path around a body", "🔄🌍"),
    ("METEOR", "Shooting star", "🌠"),
    ("SATURN", "Ringed planet", "🪐💍"),
    ("TELESCOPE", "Instrument for stargazers", "🔭"),
    ("ALIEN", "Little green visitor", "👽"),
    ("CRATER", "Hole left by an impact", "🕳️🌑"),
    ("ECLIPSE", "When the Moon hides the Sun", "🌑☀️"),
    ("NEBULA", "Cloud of gas and dust where stars are born", "☁️⭐"),
    ("GRAVITY", "What keeps your feet on the ground", "🍎⬇️"),
    ("SUNRISE", "Start of the day", "🌅"),
    ("VOLCANO", "Mountain that erupts", "🌋"),
    ("DESERT", "Dry, sandy place", "🏜️"),
    ("FOREST", "Lots of trees", "🌲🌲"),
    ("RIVER", "Flowing water to the sea", "🏞️"),
    ("CASTLE", "Home of a medieval lord", "🏰"),
    ("DRAGON", "Fire-breathing beast", "🐉"),
    ("KNIGHT", "Armoured horseman", "🛡️🐴"),
    ("WIZARD", "Spell caster", "🧙"),
    ("PIZZA", "Italian pie with toppings", "🍕"),
    ("BREAD", "Baker's loaf", "🍞"),
    ("CHEESE", "Dairy from curds", "🧀"),
    ("APPLE", "Fruit that fell on Newton", "🍎"),
    ("BANANA", "Curved yellow fruit", "🍌"),
    ("GUITAR", "Six-stringed instrument", "🎸"),
    ("PIANO", "Keyboard instrument with hammers", "🎹"),
    ("VIOLIN", "Bowed string instrument", "🎻"),
    ("TRUMPET", "Brass instrument", "🎺"),
    ("DRUM", "Percussion instrument", "🥁"),
    ("ROBOT", "Machine that can act on its own", "🤖"),
    ("LAPTOP", "Portable computer", "💻"),
    ("CAMERA", "Device for taking photos", "📷"),
    ("BICYCLE", "Two-wheeled pedal vehicle", "🚲"),
    ("TRAIN", "It runs on rails", "🚆"),
    ("HELICOPTER", "Aircraft with rotors", "🚁"),
    ("UMBRELLA", "Shelter from the rain", "☂️"),
    ("RAINBOW", "Arc of colours after rain", "🌈"),
    ("SNOWMAN", "Frosty figure with a carrot nose", "⛄"),
    ("TORNADO", "Twisting storm", "🌪️"),
]


def laid_out_puzzle(words: list[tuple[str, str, str]], title: str, seed: int = 0) -> Puzzle:
    """A puzzle over ``words`` laid out by crossword.layout (placed words only)."""
    from crossword.layout import lay_out

    hints = {answer: (clue, emoji) for answer, clue, emoji in words}
    grid = lay_out([w for w, _, _ in words], seed=seed).grid()
    clues = {}
    for e in grid.entries:
        text, emoji = hints[e.answer]
        clues[e.id] = Hints(text, emoji, str(e.length))
    return Puzzle(grid=grid, clues=clues, title=title, seed=seed)


# The puzzles every format is checked on, by readable id.
PUZZLES = {
    "sea": sea_puzzle,
    "tiny": tiny_puzzle,
    "blocked": blocked_puzzle,
    "fifteen-words": lambda: laid_out_puzzle(SEA_WORDS, "Fifteen", seed=1),
}
