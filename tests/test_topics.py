"""Free topics from the shipped topic lexicon (wordlists/topics.tsv.gz)."""

from __future__ import annotations

# Clearly-on-topic words per topic, written by hand before the topic file was
# built (so the lists were not fitted to its output).  A word counts as on topic
# when it, or its singular, is here.
ON_TOPIC = {
    "chess": set(
        """chess king queen rook bishop knight pawn castle checkmate check mate gambit board
        chessboard stalemate castling opening endgame grandmaster master move piece chessman
        square rank file fork pin sacrifice draw capture tournament player game fianchetto
        zugzwang defense defence attack promotion exchange blitz sicilian middlegame tempo
        chessmen""".split()
    ),
    "volcanoes": set(
        """volcano lava magma crater eruption erupt ash pumice obsidian basalt vent cone
        caldera geyser fumarole tephra lahar pyroclastic scoria tuff volcanism volcanology
        vulcanology vulcanologist volcanologist etna vesuvius krakatoa krakatau fuji stromboli
        kilauea hekla pinatubo mauna loa mountain molten eruptive dormant active extinct smoke
        sulfur sulphur rock hotspot plume crust tectonics plate fissure lapilli cinder shield
        stratovolcano geothermal seismic earthquake pompeii""".split()
    ),
    "dinosaurs": set(
        """dinosaur tyrannosaur tyrannosaurus triceratops stegosaur stegosaurus brontosaur
        brontosaurus apatosaur apatosaurus diplodocus velociraptor raptor iguanodon allosaur
        allosaurus ankylosaur ankylosaurus hadrosaur hadrosaurus sauropod theropod ornithischian
        saurischian pterodactyl pterosaur plesiosaur ichthyosaur mosasaur fossil jurassic
        triassic cretaceous mesozoic extinction paleontology palaeontology paleontologist
        reptile ceratopsian protoceratops deinonychus oviraptor compsognathus coelophysis
        megalosaur megalosaurus titanosaur spinosaurus pachycephalosaur ornithopod duckbill
        edmontosaurus trachodon anatotitan bone skeleton egg claw utahraptor maiasaur maiasaura
        coelurosaur ornithomimid struthiomimus dromaeosaur carnosaur ceratosaur staurikosaur
        herrerasaur eoraptor segnosaur therizinosaur psittacosaur styracosaur nodosaur
        plateosaur prosauropod barosaur brachiosaur brachiosaurus camarasaurus seismosaur
        supersaurus ultrasaurus""".split()
    ),
    "greek mythology": set(
        """zeus hera athena athene apollo artemis ares aphrodite hermes hephaestus poseidon hades
        demeter dionysus hestia persephone eros nike gaia gaea uranus cronus kronos rhea titan
        olympus olympian prometheus atlas hercules heracles achilles odysseus ulysses perseus
        theseus jason medusa gorgon minotaur cyclops centaur satyr nymph siren harpy hydra
        pegasus chimera chimaera sphinx cerberus muse fury fate nemesis pandora orpheus icarus
        daedalus narcissus echo helen troy trojan paris hector agamemnon ajax oedipus electra
        medea argonaut nectar ambrosia oracle delphi pan psyche adonis hyperion helios selene
        eos nyx chaos erebus tartarus styx charon elysium oceanus tethys triton nereid naiad
        dryad oread amazon andromeda ariadne calypso circe cassandra penelope priam leda io
        europa ganymede callisto semele asclepius castor pollux hecate hekate iris morpheus
        hypnos thanatos mnemosyne themis tyche hebe ate eris momus plutus pluto proteus nereus
        phaethon sisyphus tantalus ixion niobe arachne midas bellerophon jocasta laocoon aeneas
        patroclus menelaus clytemnestra orestes iphigenia antigone myth mythology god goddess
        hero demigod deity pantheon labyrinth fleece lyre thunderbolt trident aegis caduceus""".split()
    ),
    "camping": set(
        """camping camp camper campsite campground campfire tent backpack rucksack knapsack
        lantern flashlight torch compass canteen stove marshmallow hiking hike hiker trail
        bivouac encampment bonfire firewood kindling matches match tinder hammock cot tarp
        tarpaulin groundsheet peg stake pole caravan trailer motorhome cabin outdoors wilderness
        forest woods nature canoe kayak backpacking scout scouting ranger picnic cooler grill
        barbecue axe hatchet knife rope mosquito bear log fire mat bedroll tentpole yurt teepee
        tepee wigwam shelter billy billycan thermos flask binoculars map boots raincoat poncho
        glamping campstool""".split()
    ),
}
