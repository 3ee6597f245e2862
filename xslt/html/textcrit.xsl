<?xml version="1.0" encoding="UTF-8"?>
<!--
  The "critical apparatus" chapter in HTML: an app shows its lemma in the text and a marker
  whose popover gives each reading and its witness. In the edition's own apparatus the lemma
  is empty (the typescript) and the reading is what the handwritten version has.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:h="urn:x-tei-edition:html"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:template match="app">
    <xsl:param name="id-suffix" as="xs:string" select="''" tunnel="yes"/>
    <xsl:variable name="id" select="ed:anchor(.) || $id-suffix"/>
    <span class="{h:classes(.)} app-{ed:app-kind(.)}">
      <xsl:apply-templates select="lem"/>
      <button type="button" class="app-marker" id="{$id}" popovertarget="pop-{$id}"
              aria-label="{ed:app-label(.)}"><span aria-hidden="true">◇</span></button>
      <span class="popover app-popover" id="pop-{$id}" popover="auto" role="note">
        <span class="popover-label">{ed:app-label(.)}: </span>
        <xsl:for-each select="* except lem">
          <xsl:choose>
            <xsl:when test=". intersect ed:app-readings(..)">
              <span class="{h:classes(.)}">
                <xsl:apply-templates>
                  <xsl:with-param name="id-suffix" select="$id-suffix || '-p'" tunnel="yes"/>
                  <xsl:with-param name="phrasing" select="true()" tunnel="yes"/>
                </xsl:apply-templates>
              </span>
              <span class="witness"> ({ed:witness-label(., @wit)[.]})</span>
            </xsl:when>
            <xsl:otherwise>
              <xsl:text> </xsl:text>
              <xsl:apply-templates select=".">
                <xsl:with-param name="id-suffix" select="$id-suffix || '-p'" tunnel="yes"/>
                <xsl:with-param name="phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </span>
    </span>
  </xsl:template>

  <!-- Where a reader finds a note in the text: its own marker, or the marker of the variant
       whose popover holds it. -->
  <xsl:function name="h:note-home" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="if ($note/ancestor::app) then ed:anchor($note/ancestor::app[last()])
                          else 'ref-' || ed:note-anchor($note)"/>
  </xsl:function>

  <xsl:template match="lem">
    <span class="{h:classes(.)}"><xsl:apply-templates/></span>
  </xsl:template>

</xsl:stylesheet>
