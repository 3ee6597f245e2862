<?xml version="1.0" encoding="UTF-8"?>
<!--
  What each TEI feature of the edition MEANS, for every output format.

  Import this one file (xsl:import href="../common/common.xsl") from an output's entry
  stylesheet. It only decides meaning: it returns strings, booleans and TEI nodes, never
  HTML or XSL-FO. Every public function lives in the namespace
      xmlns:ed="urn:x-tei-edition:common"
  and the API below is stable: names and signatures are not changed, only added to.

  metadata.xsl   ed:title, ed:authors, ed:writer, ed:text-language, ed:text-languages, ed:date-iso, ed:date-label, ed:repository, ed:archive-reference,
                 ed:translator, ed:source-url, ed:licence, ed:licence-url, ed:sender, ed:recipient,
                 ed:languages, ed:language-name, ed:is-fragment, ed:summary, ed:citation,
                 ed:source-citation, ed:credits,
                 ed:texts, ed:has-parallel-texts, ed:original-text, ed:translation-text
  notes.xsl      ed:is-text-note, ed:notes-of, ed:text-notes, ed:note-number, ed:note-kind, ed:note-label,
                 ed:note-anchor
  chains.xsl     ed:chain-part, ed:chain-members, ed:chain-first, ed:chain-id, ed:chain-label
  apparatus.xsl  ed:app-kind, ed:app-label, ed:app-readings, ed:witness-label, ed:hand-label,
                 ed:siglum, ed:witness-sigla, ed:witness-lists, ed:critical-apparatus, ed:app-reference
  signs.xsl      ed:sign, ed:behaviour, ed:shown-in-reading, ed:shown-in-diplomatic,
                 ed:is-editorial, ed:brackets, ed:is-within-word,
                 ed:signs-used, $ed:sign-meanings
  ids.xsl        ed:class-word, ed:anchor, ed:block-of, ed:aligned-with
                 (ed:anchor and ed:note-number use the accumulators ed:element-counts and
                 ed:note-counts: an output that calls them
                 declares its initial mode with use-accumulators="#all", e.g.
                 <xsl:mode use-accumulators="#all"/>, else Saxon reports XTDE3362)
  plain.xsl      mode "ed:plain": the reading text of any node as plain characters
                 (titles, running heads, bookmarks, links, search index); notes and
                 deletions left out, expansions and insertions in.
  text.xsl       ed:text-blocks, ed:block-texts, ed:element-text, ed:plain-text, ed:diplomatic: a document's
                 text as plain characters in the reading or the diplomatic form.
  registers.xsl  ed:is-register, ed:header-registers, ed:register-heading, ed:register-entries,
                 ed:is-data-entry, ed:entry-name, ed:entry-fields, ed:field-label, ed:field-parts,
                 ed:register-entry, ed:identifier-label: lists of persons, places … as registers
  lines.xsl      ed:surface-label, ed:line-number, ed:verse-number, ed:marked-number,
                 ed:headed-divisions: pages, lines and verses and their numbers; contents
  facsimile.xsl  ed:facsimile-pages, ed:box, ed:facs-zone: page images and their zones
  entities.xsl   ed:indexed-names, ed:entity-kind, ed:entity-id, ed:entity-page, $ed:entity-kinds: the
                 names that point into the authority lists (ref="person:kim-il-sung") and their index pages.
  links.xsl      ed:link-target, ed:web-link-target, ed:local-href: the only way an address becomes an href or src
                 (http, https, mailto and relative references, in a PDF http and https; anything else stays text).
  layout.xsl     ed:layout, ed:in-row, ed:layout-classes, $ed:layouts: the layout a TEI asks for in
                 @rend, @style or @rendition (left, right, centre, a line of its own), from one table.
  styles.xsl     ed:styles, $ed:styles: the type styles a hi asks for in @rend, @style or @rendition
                 (superscript, italic, capitals …), from one table.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    exclude-result-prefixes="#all">

  <xsl:include href="metadata.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="chains.xsl"/>
  <xsl:include href="apparatus.xsl"/>
  <xsl:include href="signs.xsl"/>
  <xsl:include href="ids.xsl"/>
  <xsl:include href="plain.xsl"/>
  <xsl:include href="entities.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="links.xsl"/>
  <xsl:include href="lines.xsl"/>
  <xsl:include href="registers.xsl"/>
  <xsl:include href="facsimile.xsl"/>
  <xsl:include href="layout.xsl"/>
  <xsl:include href="styles.xsl"/>

</xsl:stylesheet>
