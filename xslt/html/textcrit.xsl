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

  <!-- A variant of a critical apparatus (many witnesses): the lemma in the line and a small
       call to its entry in the apparatus below the text, where readings and sigla stand. -->
  <xsl:template match="app[ed:app-kind(.) = 'variant']" priority="1">
    <xsl:param name="id-suffix" as="xs:string" select="''" tunnel="yes"/>
    <span class="{h:classes(.)} app-variant">
      <xsl:apply-templates select="lem"/>
      <xsl:for-each select="ed:transmitted-title(.)">
        <span class="transmitted-title" title="The title the witnesses give, which the editors delete">[{.}]</span>
      </xsl:for-each>
      <a class="app-call" id="{ed:anchor(.)}{$id-suffix}" href="#apparatus-{ed:anchor(.)}"
         aria-label="Variant{ed:app-reference(.)[.] ! (' in ' || .)}: to the apparatus">°</a>
    </span>
  </xsl:template>

  <!-- The critical apparatus: one paragraph per line or verse (ed:app-reference), its entries
       "lemma] reading sigla; reading sigla", each lemma a link back to the text. -->
  <xsl:template name="h:apparatus-section">
    <xsl:variable name="apps" select="ed:critical-apparatus(.)"/>
    <xsl:if test="exists($apps)">
      <section class="apparatus-section" aria-labelledby="apparatus-heading">
        <h2 id="apparatus-heading">Critical apparatus</h2>
        <xsl:for-each-group select="$apps" group-adjacent="ed:app-reference(.)">
          <p class="apparatus-line">
            <xsl:if test="current-grouping-key()">
              <span class="apparatus-ref">{current-grouping-key()}</span><xsl:text> </xsl:text>
            </xsl:if>
            <xsl:for-each select="current-group()">
              <xsl:if test="position() gt 1"><span class="apparatus-sep"> | </span></xsl:if>
              <xsl:apply-templates select="." mode="h:apparatus-entry"/>
            </xsl:for-each>
          </p>
        </xsl:for-each-group>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="app" mode="h:apparatus-entry">
    <span class="apparatus-entry" id="apparatus-{ed:anchor(.)}">
      <!-- A variant inside another's reading has its call in that one's entry (id suffix -a). -->
      <a class="apparatus-lemma" href="#{ed:anchor(.)}{'-a'[current()/ancestor::rdg]}">{h:lemma(.)}</a>
      <xsl:text>] </xsl:text>
      <xsl:for-each select="ed:app-readings(.)">
        <xsl:if test="position() gt 1">; </xsl:if>
        <span class="{h:classes(.)}">
          <xsl:apply-templates>
            <xsl:with-param name="id-suffix" select="'-a'" tunnel="yes"/>
            <xsl:with-param name="phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:if test="not(normalize-space())"><i>{ed:wordless-reading(.)}</i></xsl:if>
        </span>
        <xsl:for-each select="ed:witness-sigla(., @wit)[.]">
          <xsl:text> </xsl:text><span class="sigla">{.}</span>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:for-each select="note | witDetail">
        <xsl:text> </xsl:text>
        <span class="{h:classes(.)} app-note">
          <xsl:apply-templates>
            <xsl:with-param name="id-suffix" select="'-a'" tunnel="yes"/>
            <xsl:with-param name="phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </span>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- The lemma as an apparatus names it: its words, or the first two … the last of many. -->
  <xsl:function name="h:lemma" as="xs:string">
    <xsl:param name="app" as="element(app)"/>
    <xsl:variable name="words" select="tokenize(normalize-space(ed:plain($app/lem)))"/>
    <xsl:sequence select="if (count($words) le 5) then (string-join($words, ' ')[.], '—')[1]
        else string-join(($words[1], $words[2], '…', $words[last()]), ' ')"/>
  </xsl:function>

  <!-- The witnesses of a critical apparatus, sigla first, as the list's heads group them. -->
  <xsl:template name="h:witnesses-section">
    <xsl:variable name="lists" select="ed:witness-lists(.)"/>
    <xsl:if test="exists($lists)">
      <section class="witnesses-section" aria-labelledby="witnesses-heading">
        <h2 id="witnesses-heading">Witnesses</h2>
        <xsl:apply-templates select="$lists" mode="h:witnesses"/>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="listWit" mode="h:witnesses">
    <div class="witness-group">
      <xsl:for-each select="head">
        <h3 class="witness-group-head">
          <xsl:apply-templates>
            <xsl:with-param name="id-suffix" select="'-w'" tunnel="yes"/>
            <xsl:with-param name="phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </h3>
      </xsl:for-each>
      <xsl:if test="witness">
        <dl class="witness-list">
          <xsl:apply-templates select="witness" mode="h:witnesses"/>
        </dl>
      </xsl:if>
      <xsl:apply-templates select="listWit" mode="h:witnesses"/>
    </div>
  </xsl:template>

  <xsl:template match="witness" mode="h:witnesses">
    <div class="witness-entry" id="witness-{ed:anchor(.)}">
      <dt class="siglum">{ed:siglum(.)}</dt>
      <dd>
        <xsl:apply-templates select="node() except abbr[@type = 'siglum']">
          <xsl:with-param name="id-suffix" select="'-w'" tunnel="yes"/>
          <xsl:with-param name="phrasing" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </dd>
    </div>
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
