<?xml version="1.0" encoding="UTF-8"?>
<!--
  The "default text structure" chapter in HTML: texts side by side with aligned rows,
  divisions, headings, openers and closers.

  Side by side: the blocks of each text are cut at the paragraphs @corresp aligns (kept only
  in increasing order on both sides); each aligned group (1–1, 1–2, 2–1, 2–2) is one row, the
  blocks between two groups share a row. Without alignment the texts are two columns of one row.
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

  <xsl:template name="h:texts">
    <xsl:choose>
      <xsl:when test="ed:has-parallel-texts(.)">
        <xsl:call-template name="h:parallel">
          <xsl:with-param name="original" select="ed:original-text(.)"/>
          <xsl:with-param name="translation" select="ed:translation-text(.)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <div class="texts single">
          <xsl:apply-templates select="/*/(text | sourceDoc)"/>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The blocks that take part in alignment: the children of a lone div, else of body. -->
  <xsl:function name="h:blocks" as="element()*">
    <xsl:param name="text" as="element(text)"/>
    <xsl:variable name="body" select="$text/body"/>
    <xsl:sequence select="$text/front, (if (count($body/*) eq 1 and $body/div) then $body/div/* else $body/*),
                          $text/back"/>
  </xsl:function>

  <!-- The aligned groups, in order on both sides: maps {'o': originals, 't': translations}.
       An original paragraph whose partners (ed:aligned-all) overlap the group before joins it
       (2–1, 2–2 links); one whose partners go back before the last group is left to the rows
       between groups, so the columns never cross. -->
  <xsl:function name="h:groups" as="map(*)*">
    <xsl:param name="original" as="element()*"/>
    <xsl:param name="translation" as="element()*"/>
    <xsl:iterate select="$original[@corresp]">
      <xsl:param name="groups" as="map(*)*" select="()"/>
      <xsl:on-completion select="$groups"/>
      <xsl:variable name="partners" select="ed:aligned-all(.) intersect $translation"/>
      <xsl:variable name="last" select="$groups[last()]"/>
      <xsl:choose>
        <xsl:when test="exists($partners intersect $last?t)">
          <xsl:next-iteration>
            <xsl:with-param name="groups" select="$groups[position() lt last()],
                map{'o': ($last?o, .), 't': ($last?t | $partners)}"/>
          </xsl:next-iteration>
        </xsl:when>
        <xsl:when test="exists($partners) and (empty($last) or $partners[1] >> $last?t[last()])">
          <xsl:next-iteration>
            <xsl:with-param name="groups" select="$groups, map{'o': ., 't': $partners}"/>
          </xsl:next-iteration>
        </xsl:when>
        <xsl:otherwise>
          <xsl:next-iteration/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

  <xsl:template name="h:parallel">
    <xsl:param name="original" as="element(text)"/>
    <xsl:param name="translation" as="element(text)"/>
    <xsl:variable name="o-blocks" select="h:blocks($original)"/>
    <xsl:variable name="t-blocks" select="h:blocks($translation)"/>
    <div class="texts parallel">
      <div class="row row-heads">
        <h3 class="col col-original">Original ({ed:language-name(., string($original/@xml:lang))})</h3>
        <h3 class="col col-translation">Translation ({ed:language-name(., string($translation/@xml:lang))})</h3>
      </div>
      <xsl:iterate select="h:groups($o-blocks, $t-blocks)">
        <xsl:param name="o-prev" as="element()?" select="()"/>
        <xsl:param name="t-prev" as="element()?" select="()"/>
        <xsl:on-completion>
          <xsl:sequence select="h:row($o-blocks[empty($o-prev) or . >> $o-prev],
                                      $t-blocks[empty($t-prev) or . >> $t-prev], $original, $translation, false())"/>
        </xsl:on-completion>
        <xsl:variable name="o" select="?o"/>
        <xsl:variable name="t" select="?t"/>
        <xsl:sequence select="h:row($o-blocks[empty($o-prev) or . >> $o-prev][. &lt;&lt; $o[1]],
                                    $t-blocks[empty($t-prev) or . >> $t-prev][. &lt;&lt; $t[1]], $original, $translation, false())"/>
        <xsl:sequence select="h:row(h:from-to($o-blocks, $o[1], $o[last()]), h:from-to($t-blocks, $t[1], $t[last()]),
                                    $original, $translation, true())"/>
        <xsl:next-iteration>
          <xsl:with-param name="o-prev" select="$o[last()]"/>
          <xsl:with-param name="t-prev" select="$t[last()]"/>
        </xsl:next-iteration>
      </xsl:iterate>
    </div>
  </xsl:template>

  <!-- The blocks from $first to $last, both included, in document order. -->
  <xsl:function name="h:from-to" as="element()*">
    <xsl:param name="blocks" as="element()*"/>
    <xsl:param name="first" as="element()"/>
    <xsl:param name="last" as="element()"/>
    <xsl:sequence select="$blocks[not(. &lt;&lt; $first) and not(. >> $last)]"/>
  </xsl:function>

  <xsl:function name="h:row" as="element()?">
    <xsl:param name="left" as="element()*"/>
    <xsl:param name="right" as="element()*"/>
    <xsl:param name="original" as="element(text)"/>
    <xsl:param name="translation" as="element(text)"/>
    <xsl:param name="aligned" as="xs:boolean"/>
    <xsl:if test="exists(($left, $right))">
      <div class="row{' aligned'[$aligned]}">
        <div class="col col-original" lang="{$original/@xml:lang}">
          <xsl:apply-templates select="$left"/>
        </div>
        <div class="col col-translation" lang="{$translation/@xml:lang}">
          <xsl:apply-templates select="$right"/>
        </div>
      </div>
    </xsl:if>
  </xsl:function>

  <xsl:template match="text">
    <div class="{h:classes(.)}">
      <xsl:call-template name="h:lang"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="body | front | back | group | div | opener | closer | postscript">
    <xsl:param name="phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="h:classes(.)"/>
      <!-- An opener or closer with words outside its lines is a block search hits point at (ed:text-blocks). -->
      <xsl:if test="(self::opener | self::closer)[text()[normalize-space()]]"><xsl:call-template name="h:id"/></xsl:if>
      <xsl:call-template name="h:lang"/>
      <xsl:for-each select="self::div[not($phrasing)] ! ed:division-label(.)">
        <p class="div-label">{.}</p>
      </xsl:for-each>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Headings sit below the page's h2 sections (and the h3 column heads side by side). -->
  <xsl:template match="head">
    <xsl:param name="phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="level" select="min((6, 2 + count(ancestor::div)
        + (if (ed:has-parallel-texts(.)) then 1 else 0) + (if (ancestor::div) then 0 else 1)))"/>
    <xsl:element name="{if ($phrasing or parent::list or parent::table or parent::lg or parent::figure)
                         then 'span' else 'h' || $level}">
      <xsl:attribute name="class" select="h:classes(.)"/>
      <xsl:call-template name="h:id"/>
      <xsl:call-template name="h:lang"/>
      <xsl:apply-templates>
        <xsl:with-param name="phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:template match="salute | dateline | signed | byline | trailer | epigraph | argument
      | seg[@type = ('classification', 'receipt', 'cipher')][parent::opener or parent::closer]">
    <xsl:param name="phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="h:classes(.) || ' block'"/>
      <xsl:call-template name="h:id"/>
      <xsl:call-template name="h:lang"/>
      <xsl:apply-templates>
        <xsl:with-param name="phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
