<?xml version="1.0" encoding="UTF-8"?>
<!--
  Mode ed:plain: the reading text of any node as plain characters, for titles, running heads,
  bookmarks, link texts and search indexes. Deletions, notes, variant readings and sheet labels
  are left out (a variant's lemma is in); expansions and insertions are in; supplied words,
  [SIC], gaps and doubtful readings keep their editorial brackets (ed:brackets); line breaks
  become spaces, except those inside a word (break="no"), which join its parts.
  Callers normalise space: string-join(... ! ed:plain(.)) or normalize-space(ed:plain($x)).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:mode name="ed:plain" on-no-match="shallow-skip"/>

  <!-- The mode is a thin door onto ed:plain-parts, so the meaning lives in one place. -->
  <xsl:template mode="ed:plain" match="node()">
    <xsl:value-of select="string-join(ed:plain-parts(.), '')"/>
  </xsl:template>

  <!-- The plain reading text of nodes, whitespace normalised. -->
  <xsl:function name="ed:plain" as="xs:string">
    <xsl:param name="node" as="node()*"/>
    <xsl:sequence select="normalize-space(string-join(ed:plain-parts($node), ''))"/>
  </xsl:function>

  <!-- The pieces of the reading text, in order. A recursive walk rather than a mode into a
       temporary tree: search indexes call this for every paragraph, so it must be cheap. -->
  <xsl:function name="ed:plain-parts" as="xs:string*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:for-each select="$nodes">
      <xsl:choose>
        <xsl:when test="self::text()">
          <xsl:sequence select="if (following-sibling::node()[1]/@break = 'no' or preceding-sibling::node()[1]/@break = 'no')
              then ed:joined-text(.) else string(.)"/>
        </xsl:when>
        <xsl:when test="ed:is-within-word-break(.)"/>
        <xsl:when test="self::del or self::note or self::fw[@type = 'sheet']
            or self::teiHeader or self::facsimile or self::standOff or not(self::*)"/>
        <!-- A variant's base text is the text's (a critical edition's lemma); the edition's own
             variants have an empty one. -->
        <xsl:when test="self::app">
          <xsl:sequence select="ed:plain-parts(lem)"/>
        </xsl:when>
        <xsl:when test="self::lb or self::pb or self::cb or self::space">
          <xsl:sequence select="' '"/>
        </xsl:when>
        <xsl:when test="self::choice">
          <xsl:sequence select="ed:plain-parts((corr, expan, reg, *)[1])"/>
        </xsl:when>
        <xsl:when test="self::gap">
          <xsl:sequence select="'[' || (desc[normalize-space()] ! normalize-space(.), @reason, '&#x2026;')[1] || ']'"/>
        </xsl:when>
        <xsl:when test="self::supplied or self::sic or self::unclear or self::corr">
          <xsl:variable name="brackets" select="ed:brackets(.)"/>
          <xsl:sequence select="$brackets[1], ed:plain-parts(node()), $brackets[2]"/>
        </xsl:when>
        <xsl:when test="self::p or self::head or self::item or self::l or self::ab or self::salute
            or self::signed or self::dateline or self::addrLine or self::speaker or self::stage
            or self::titlePart or self::castItem or self::byline or self::trailer
            or self::seg[@type = ('receipt', 'cipher', 'classification') or ed:behaviour(.) = 'block']">
          <xsl:sequence select="' ', ed:plain-parts(node()), ' '"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="ed:plain-parts(node())"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!-- A line, page or column break inside a word (break="no": "συμ<lb break="no"/>φορώτατα"). -->
  <xsl:function name="ed:is-within-word-break" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="exists($node[self::lb or self::pb or self::cb][@break = 'no'])"/>
  </xsl:function>

  <!-- A text node's characters, less the white space that only lays out the source beside a break
       inside a word (the new line and indent before "<lb break="no"/>"), so the word's parts join. -->
  <xsl:function name="ed:joined-text" as="xs:string">
    <xsl:param name="text" as="text()"/>
    <xsl:variable name="before-break" select="ed:is-within-word-break(($text/following-sibling::node())[1])"/>
    <xsl:variable name="after-break" select="ed:is-within-word-break(($text/preceding-sibling::node())[1])"/>
    <xsl:variable name="ended" select="if ($before-break) then replace($text, '\s+$', '') else string($text)"/>
    <xsl:sequence select="if ($after-break) then replace($ended, '^\s+', '') else $ended"/>
  </xsl:function>

</xsl:stylesheet>
