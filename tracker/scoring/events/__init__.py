"""The event layer of the ``diplomacy`` profile: actions between the sides coded as CAMEO root
categories with a Goldstein intensity (:mod:`.dictionary` reads the verb patterns,
:mod:`.reading` finds them in a clause with their negation, modality and agent)."""
