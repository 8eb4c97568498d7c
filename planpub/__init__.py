"""planpub: publish a public plan from one YAML file as a bilingual, accessible website.

The pipeline, one module a stage: load → validate → model → urls → render → site.
"""
