package main

// findings is the part of docs/performance.md written by hand: what was
// done, what the figures were before, and what stands in the way of the
// targets still missed. Keep it true when the figures move.
const findings = `## Findings

(to be written)
`
