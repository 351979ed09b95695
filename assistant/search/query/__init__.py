"""What a question means to each side of the search: syllables, accent restoration,
aliases, the English glossary, title terms, asked-for variants, and the analyser that
puts them together."""
