"""Quality checks of a built site, apart from the product: the accessibility audit (Chromium,
axe-core, the Nu HTML Checker, in-page checks) and the local server it and the tests use. The
product's modules never import this package; it needs the test dependencies (`make test`)."""
