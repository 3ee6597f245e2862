<?xml version="1.0" encoding="UTF-8"?>
<!--
  One document on paper: a new page, its number, title and date, a source note (archive,
  fond/opis/delo/list, translator), the summary, then its texts, each labelled
  ("Original (Russian)", "Translation (English)").
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:pr="urn:x-tei-edition:print"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The anchor of a document in the volume; numbers keep it unique across documents. -->
  <xsl:function name="pr:document-id" as="xs:string">
    <xsl:param name="doc" as="element(TEI)"/>
    <xsl:param name="number" as="xs:integer"/>
    <xsl:sequence select="'doc-' || $number"/>
  </xsl:function>

  <!-- The number a reader sees: the document's frozen number in the edition (ed:number), else the
       number the edition gives it (pr:document-numbers), else its place in this PDF. -->
  <xsl:function name="pr:shown-number" as="xs:string">
    <xsl:param name="doc" as="element(TEI)"/>
    <xsl:param name="position" as="xs:integer"/>
    <xsl:sequence select="(ed:number($doc)[.], tokenize($pr:document-numbers, '&#10;')[$position - $pr:number-offset][.],
                           string($position))[1]"/>
  </xsl:function>

  <xsl:template match="TEI" mode="pr:document">
    <xsl:param name="number" as="xs:integer"/>
    <xsl:variable name="shown" select="pr:shown-number(., $number)"/>
    <article class="document" id="{pr:document-id(., $number)}" data-number="{$number}"
        data-shown-number="{$shown}" data-bookmark="{$shown}. {ed:title(.)}" lang="{(@xml:lang, 'en')[1]}">
      <header class="document-header">
        <p class="document-number">
          <xsl:value-of select="(if (ed:is-fragment(.) and not(ed:number(.))) then 'Fragment ' else 'Document ') || $shown"/>
        </p>
        <h2 class="document-title"><xsl:value-of select="ed:title(.)"/></h2>
        <xsl:call-template name="pr:header-index-marks"/>
        <xsl:if test="exists(ed:authors(.))">
          <p class="document-authors"><xsl:value-of select="string-join(ed:authors(.), '; ')"/></p>
        </xsl:if>
        <xsl:if test="ed:date-label(.)">
          <p class="document-date"><xsl:value-of select="ed:date-label(.)"/></p>
        </xsl:if>
        <xsl:call-template name="pr:source-note"/>
        <xsl:if test="exists(ed:summary(.))">
          <div class="summary">
            <xsl:apply-templates select="ed:summary(.)" mode="pr:summary"/>
          </div>
        </xsl:if>
      </header>
      <xsl:apply-templates select="ed:texts(.)" mode="pr:text"/>
      <xsl:call-template name="pr:header-registers"/>
    </article>
  </xsl:template>

  <!-- The names of the header whose words the page prints as plain text (in the title, the source
       note, the credits; the summary marks its own): edition.typ records the title's page for each
       in the indices. A name the page does not print (the archive's publisher) is not indexed here. -->
  <xsl:template name="pr:header-index-marks">
    <xsl:variable name="refs" select="pr:header-index-refs(.)"/>
    <xsl:if test="exists($refs)">
      <p class="index-marks">
        <xsl:for-each select="$refs"><span class="indexed" data-ref="{.}"/></xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:function name="pr:header-index-refs" as="xs:string*">
    <xsl:param name="doc" as="element(TEI)"/>
    <xsl:variable name="printed" select="string-join((ed:title($doc), pr:source-parts($doc)), ' ')"/>
    <xsl:sequence select="distinct-values((ed:indexed-names(ed:header($doc)) except ed:indexed-names(ed:summary($doc)))
        [contains($printed, normalize-space(.))]/@ref)"/>
  </xsl:function>

  <!-- The refs of every name a document's pages print: its texts', its summary's, its header's. -->
  <xsl:function name="pr:indexed-refs" as="xs:string*">
    <xsl:param name="doc" as="element(TEI)"/>
    <xsl:sequence select="ed:indexed-names(($doc/text, ed:summary($doc)))/@ref ! string(.), pr:header-index-refs($doc)"/>
  </xsl:function>

  <!-- What the source note says of the archive, the translator, the publisher and the credits. -->
  <xsl:function name="pr:source-parts" as="xs:string*">
    <xsl:param name="doc" as="element(TEI)"/>
    <xsl:sequence select="ed:archive-reference($doc)[.], ed:translator($doc)[.] ! ('Translated by ' || .),
        ed:publisher($doc)[.], ed:credits($doc) ! normalize-space(.)"/>
  </xsl:function>

  <!-- The source URL is a link only when ed:web-link-target allows it; else it is printed as text. -->
  <xsl:template name="pr:source-note">
    <xsl:variable name="url" select="ed:source-url(.)[.]"/>
    <xsl:variable name="parts" select="pr:source-parts(.)"/>
    <p class="source-note">
      <span class="label">Source: </span>
      <xsl:value-of select="string-join(($parts, $url ! ''), '. ')"/>
      <xsl:choose>
        <xsl:when test="ed:web-link-target($url)">
          <a href="{ed:web-link-target($url)}"><xsl:value-of select="$url"/></a>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$url"/></xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="if (exists(($parts, $url))) then '.' else 'The document does not name its source.'"/>
      <xsl:if test="ed:edition-title(.)">
        <xsl:value-of select="' Cite as: ' || ed:citation(., '')"/>
      </xsl:if>
    </p>
  </xsl:template>

  <xsl:template match="p" mode="pr:summary">
    <p><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="*" mode="pr:summary">
    <p><xsl:value-of select="normalize-space(.)"/></p>
  </xsl:template>

  <!-- A text of the document with a label naming what it is and its language. -->
  <xsl:template match="text" mode="pr:text">
    <xsl:variable name="lang" select="ed:text-language(.)"/>
    <section class="text {ed:class-word((@type, 'text')[1])}" lang="{$lang}">
      <h3 class="text-label"><xsl:value-of select="pr:text-label(., $lang)"/></h3>
      <xsl:for-each select="ed:machine-read-notes(.)[@target = '#' || current()/@xml:id]">
        <p class="machine-read-note"><xsl:value-of select="normalize-space(.)"/></p>
      </xsl:for-each>
      <xsl:apply-templates select="front | body | back | group"/>
    </section>
  </xsl:template>

  <xsl:function name="pr:text-label" as="xs:string">
    <xsl:param name="text" as="element(text)"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="what" select="if ($text/@type = 'transcription') then 'Original'
        else if ($text/@type = 'translation') then 'Translation' else 'Text'"/>
    <xsl:variable name="language" select="if ($lang and $lang ne 'mul')
        then ed:language-name($text, $lang) else ()"/>
    <xsl:sequence select="$what || ($language ! (' (' || . || ')'))"/>
  </xsl:function>

  <xsl:template match="front | body | back">
    <div class="{local-name()}">
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="group">
    <xsl:apply-templates select="text" mode="pr:text"/>
  </xsl:template>

  <xsl:template match="div">
    <div class="div div-{@type ! ed:class-word(.)}">
      <xsl:for-each select="ed:division-label(.)">
        <p class="div-label"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

</xsl:stylesheet>
