"""Coding Arabic-script reporting (Arabic, Persian) from per-language data in ``coding/lang/``.

No parser or NER model for these languages ships on the registries we use, so the coder reads
folded text with trigger, casualty, actor and place tables, and names the same ACLED, PLOVER
and CAMEO types as the English coder through the shared cue table ``data/cue_events.tsv``.
Beside the rules, a sub-event classifier over multilingual sentence embeddings
(``classifier.py``; setting ``multilingual_classifier``) types sentences no rule typed and may
overrule a rule that names no weapon or act.
"""
