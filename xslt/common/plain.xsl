<?xml version="1.0" encoding="UTF-8"?>
<!--
  Mode ed:plain: the reading text of any node as plain characters, for titles, running heads,
  bookmarks, link texts and search indexes. Deletions, notes, variants and sheet labels are
  left out; expansions, insertions and supplied words are in; line breaks become spaces.
  Callers normalise space: string-join(... ! ed:plain(.)) or normalize-space(ed:plain($x)).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:mode name="ed:plain" on-no-match="text-only-copy"/>

  <xsl:template mode="ed:plain" match="del | note | app | fw[@type = 'sheet'] | teiHeader
      | facsimile | standOff"/>
  <xsl:template mode="ed:plain" match="lb | pb | cb">
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template mode="ed:plain" match="space">
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template mode="ed:plain" match="choice">
    <xsl:apply-templates mode="#current" select="(corr, expan, reg, *)[1]"/>
  </xsl:template>
  <xsl:template mode="ed:plain" match="p | head | item | l | ab | salute | signed | dateline
      | seg[@type = ('receipt', 'cipher', 'classification')]">
    <xsl:text> </xsl:text>
    <xsl:apply-templates mode="#current"/>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- The plain reading text of a node, whitespace normalised. -->
  <xsl:function name="ed:plain" as="xs:string">
    <xsl:param name="node" as="node()*"/>
    <xsl:variable name="text">
      <xsl:apply-templates select="$node" mode="ed:plain"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space($text)"/>
  </xsl:function>

</xsl:stylesheet>
