"""The data layer: the package's schema, loading, validation, rules and vocabularies.

Depends on nothing else in parkdata. Everything above it (model, present, curate, testing) reads
data through `parkdata.data.package.load_package` and the `Dataset` it returns."""
