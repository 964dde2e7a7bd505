// Package builder is piao's pipeline: it loads a site's content into the
// model (package plan), checks it, renders it with a theme, and publishes
// it. `piao build`, `piao check` and `piao serve` share every stage, so the
// preview is what gets published.
//
// # The pipeline
//
// The stages are functions over values and flow one way:
//
//	config.yaml, content/  ─► load ─► plan.Site ─► check ─► Diagnostics
//	                                     │
//	themes/ (layouts, assets, i18n) ─────┴─► pages ─► render ─► files ─► publish
//
// Where each lives:
//
//   - load (load.go, sections.go, decode.go, yamlpos.go, encoding.go, paths.go, cache.go)
//     reads every file through an fs.FS and returns a complete model: every
//     value with its file, line and column, the defaults the content leaves
//     out (the breadcrumb trail, the licence, the indicators' ids) filled
//     in, and every plan indexed. No later stage writes to the model.
//   - check (check.go, values.go, weights.go, revisions.go, privacy.go,
//     sections_check.go with shortlinks.go)
//     runs every rule and returns all the findings at once, sorted; the
//     office's words are in messages.go.
//   - pagelist.go says which pages exist, their paths (urls.go owns every
//     output path), titles, breadcrumbs and dates; check reads it to find
//     two sources that would write one page, render to render them.
//   - theme.go finds the theme (the site's own themes/NAME over the
//     built-in one) and its words (words.go: i18n/LANG.yaml, LANG the
//     config's lingua); render.go parses the layouts once and runs them
//     over the page type of view.go.
//   - The files that are not pages are made from the model: the search
//     index (search.go, searchfiles.go), the static indexes (indexes.go,
//     indexpages.go), open data (opendata.go, csv.go, dcat.go, feed.go,
//     opendata_sections.go, revsummary_data.go), the whole plan's print
//     style sheet (fullplan.go), the published snapshots (archive*.go).
//   - pages.go and stream.go render, minify and write every file, on every
//     core, into a publish.Target; package builder/publish replaces the
//     folder in one step only when complete (destination checks, lock,
//     swap, reuse of unchanged files), and messages.go words its typed
//     errors. portable.go keeps every output path one that Windows and
//     macOS can hold.
//
// A site in several languages (lingue in config.yaml) is one site per
// language from one model: the model as loaded holds every language's
// text (plan.Text.Langs; the decoder reads the texts by language,
// decode_langs.go), and each language's pages, search index and feed are
// made from a copy of the model in that language (langs.go: project),
// each in its folder (sitelangs.go); the open data are one set, each text
// by language (opendata_langs.go). A text a language lacks is shown in the
// main language, marked with its lang (fallback.go). A site of one
// language is built as it always was.
//
// The fields of sheets and indicators that a revision may change are one
// table, plan's fields.go: the pages, the change lists, the CSV and JSON
// open data and the search index range over it, and a test fails when an
// output leaves one out. Adding a field to indicators is the struct field
// with its tag (the loader and the JSON Schema follow the tag), a row in
// that table, its label in the theme's i18n file, and the docs.
//
// # Front doors
//
// Build builds a site in memory (tests, and the preview's complete
// build); BuildTo is `piao build`, which streams every file to disk; Check
// is `piao check`, which renders every page and keeps nothing; LoadAndCheck
// (or a Cache's) and NewPages give `piao serve` a site that renders one
// page at a time; NewSnapshot freezes a plan for the archive.
//
// # The template API
//
// A theme is a folder: layouts/base.html (defines "base", the frame of
// every page), layouts/_*.html (shared partials), one layouts/KIND.html per
// kind of page (each defines "main"), assets/ (copied as they are) and
// i18n/LANG.yaml (the words). A site overrides any file by putting its own
// copy at the same place under themes/NAME/; a words file of the site need
// hold only the words it changes.
//
// The kinds of page are: home, section (a level of the breadcrumb above
// the plans), plan, sheet (also a sheet's "as approved" page, with
// .Original set), unit, area, line, revisions, revision (one revision's
// summary and table of changes), narrative (one of the plan's narrative
// sections), fullplan (the whole plan on one page, or a part of a long
// one), indexes (the list of a plan's indexes), listing (one index, or one
// group of a long index), search, opendata, archive, snapshot (an archived
// snapshot's landing page), reports (the section "Relazione sulla
// Performance", listing every plan's Relazioni), report (a plan's
// Relazione sulla performance of a year), glossary (a plan's Glossario,
// when config.yaml or its piano.yaml has a glossario) and languages (the
// page at the root of a site whose every language has its folder, to
// choose one).
//
// Every layout is run with a page, whose fields are:
//
//	.Kind        the kind of page, as above
//	.Path        its output path ("piao-2024-2026/index.html")
//	.Title       its title; .Crumbs its breadcrumb ([]{Title, URL})
//	.Published   .Updated: ISO dates from the content ("" when none)
//	.Site        the whole model (*plan.Site): .Site.Config, .Site.Plans
//	.Plan        the plan the page belongs to (on home and search pages,
//	             the newest)
//	.Sheet       .Original (sheet pages), .Unit .Area (unit pages), .Area
//	             (area pages), .Line (line pages), .List .Group (listing),
//	             .Lists (indexes), .Level (section), .Snapshot (snapshot),
//	             .Section (narrative), .Revision (revision), .Part
//	             (fullplan: the part's number, 0 for the first page),
//	             .Report (report)
//
// and whose methods are, by purpose:
//
//	frame:       .Chrome (the header, menu and footer's data, prepared
//	             once: .Lang .Ente .Home .CSS .Plan (with .Indexes and
//	             .Glossary) .Section .Licence .Address .PEC .Email .Phone
//	             .SearchesRevisions …; in a site of several languages
//	             .Langs and .Alternates, the page in each language
//	             ({Lang, Name, URL, Current}: the switcher, and the head's
//	             hreflang links), and .Untranslated, printed where the note
//	             of a page showing texts in the main language goes),
//	             .NavPlan, .EnteIn LANG, .KindIn LANG
//	links:       .Rel PATH, .Asset NAME, .Home, .Root, .SectionURL I,
//	             .PlanURL P, .SheetURL S, .OriginalURL S, .IndicatorURL S I,
//	             .UnitURL CODE, .AreaURL CODE, .LineURL CODE,
//	             .ObjectiveURL KEY (a strategic objective on its line's page
//	             or in the index), .ResponsibleURL NAME (the index of
//	             responsabili), .GlossaryURL P ("" without a glossary),
//	             .RevisionsURL ID, .PlanRevisionsURL P, .IndexesURL P,
//	             .SearchURL, .SearchData, .SearchLangScript (the script of the
//	             search rules of the page's language, loaded before
//	             search.js; "" for Italian), .OpenDataURL, .DataURL FILE,
//	             .SheetDataURL S, .FeedURL (.HasFeed), .ArchiveURL, .SnapshotURL M,
//	             .SnapshotFileURL M FILE, .NarrativeURL SEC, .FullPlanURL P,
//	             .FullPlanCSS, .RevisionURL R, .SectionDataURL SEC EXT;
//	             every link is relative, so that the site works under any
//	             sub-path and from disk
//	text:        .Markdown TEXT (a body: the only way text becomes HTML,
//	             with the inline function below), .SheetBody S and
//	             .SectionBody SEC (a sheet's or a section's text: GFM tables
//	             and footnotes, short links resolved, headings under the
//	             page's, a section's amended passages marked), .SafeURL URL,
//	             .SheetName S, .SheetKindName S,
//	             .LineName L, .RefName R (a part of the plan with its code,
//	             when it has one), .FieldLabel F, .Licence, .KindPlural,
//	             .IndexKinds, .SearchWords
//	levels:      .LevelName KEY, .LevelNames KEY (area, unita, linea,
//	             obiettivo_strategico, obiettivo_operativo, as the plan's
//	             livelli name them), .LT WORD LEVELS [NAME VALUE]… (a word,
//	             or its WORD.renamed twin when the plan renames one of the
//	             LEVELS), .LCount WORD LEVEL N
//	values:      .Val VALUE (a value with its earlier ones, or as approved
//	             on an "as approved" page; .Diff, the word-level difference
//	             of a text a revision changed, spans with .IsEqual,
//	             .IsDelete, .IsInsert and .Text; .Link, a value's entry in
//	             an index), .SheetVal S VALUE (Val, its footnote marker
//	             linked: .Note), .IndicatorView S I (an indicator's .Name,
//	             its .Targets apart, and its other rows, in the order of
//	             the table of fields), .Indicators S (in force first, then
//	             removed), .IndicatorNumber S I, .Rev ID, .Shown I,
//	             .ShownNote N, .Removed I, .Marked NOTES FIELD, .NoteID I N,
//	             .NoteRef MARKER S I
//	revisions:   .RevisionGroups S ID (what a revision did to a sheet,
//	             part by part, each group with its .Parts, .Items (with
//	             .Label and .Diff), .Notes, .Footnotes and .Why), .Changes
//	             ID (the same, sheet by sheet: .Sheet, .Groups), .Badges S
//	             and .IndicatorBadges S I (what happened, in words: .Key,
//	             .Label, .State)
//	structure:   .UnitOf S, .AreaOf S, .LineOf S, .Objective KEY, .ObjectiveSheets KEY,
//	             .Plan.HasAreas, .HasUnits, .HasLines, .HasObjectives (a level
//	             the plan lacks has no page, row, column or filter),
//	             .Plan.Weighted, .Coefficients,
//	             .StrategicOf CODE, .OperationalOf CODE, .UnitSheets CODE,
//	             .OperationalOfSheet S (a strategic sheet's objectives with
//	             the operational sheets pursuing them), .SheetCount,
//	             .LongPlan, .Selection (with schede: selezione: .Which,
//	             .URL; nil otherwise)
//	lists:       .Downloads P SHEETS, .DownloadID D, .HasCatalog, .Snapshots,
//	             .SearchFilters (with .Outcomes, the options of the Esito filter,
//	             and .Badges, the filter by what the revisions did),
//	             .Attachments LIST (allegati: .Title, .URL, .Kind, .MIME,
//	             .Size, .External), .Glossary (.Term, .Meaning, .Untranslated:
//	             the meaning is the main language's, so no title)
//	sections:    .SectionNav (the sections before and after), .SectionRevisions
//	             SEC, .SectionAnchor SEC; a section's own methods: .Added,
//	             .Removed, .Revised, .Amendments ID
//	whole plan:  .FullPlan (the version shown, its sections and sheets, its
//	             parts), .IsFull, .SheetAnchor S, .FullIndicatorAnchor S I,
//	             .SheetRevisions S
//	revisions:   .Summary R (what a revision did, counted: see revsummary.go),
//	             .ChangeRows R (a row per change), .Euros CENTS, .EurosDiff CENTS
//	sharing:     .Share (description, Open Graph, canonical address, picture),
//	             .Cite (how to cite the page: ente, plan, version, address)
//	cycle:       .IndicatorCycle S I (target and result side by side per
//	             year, with the outcome, and the monitoring: .Rows
//	             .Monitoring .Latest; nil when there is none to show, and on an
//	             "as approved" page), .SheetCycle S (the same for the sheet
//	             itself, and .Figures, the objective's achievement per year),
//	             .LevelResults LEVEL KEY (the years of results of a unit, area
//	             or line: "unita", "area", "linea"), .ReportView (a Relazione's
//	             page, prepared in one call), .Reports, .ReportsURL,
//	             .ReportsTitle, .LatestMonitoring, .MonitoringFollowed ID (the
//	             monitoring entries revision ID took up). A figure
//	             (figureView) is .OK .Value .Stated .Terms .Formula, or .Why
//	             when it cannot be computed; a state (stateView) is .Key .Word
//	             .Symbol, shown in words and sign, never by colour alone. The
//	             partials of layouts/_cycle.html show them: "figure",
//	             "outcome", "progress", "results", "monitoring", "chart"
//	             (an inline SVG with its title, description and table).
//
// Kinds of sheet and of change are told apart by methods, never by
// number: .Sheet.Kind.IsStrategic, .Kind.IsOperational; a change's
// .Kind.IsModified, .IsAdded, .IsRemoved.
//
// The template functions are t KEY [NAME VALUE]… (a word of the theme's
// i18n file, its {NAME}s filled in), tn KEY N (a count: KEY.one or
// KEY.many, and KEY.two and KEY.few in a language that has them), date D (a date as precise as the content gives it: "12
// settembre 2024", "settembre 2016", "2016"), on D (the word before it in a
// sentence: "il", "nel"), size N (a size in bytes), inline TEXT (a field's
// text as HTML, with its inline Markdown), plain TEXT (the same as text),
// marker M (a footnote's marker in brackets), sentence NAME (a name within
// a sentence), and join, add, slug, anchor, dict (to pass several values to
// a partial: dict "P" $p "S" .). Print a field's text with inline, never
// as it is: {{inline .Descrizione.S}}. In a site of several languages the
// model a page sees is in the page's language: .Descrizione.S is the text
// in that language (or the main language's, marked, when the content does
// not give it), .Descrizione.Main the main language's.
//
// After a layout runs, the first use of each abbreviation of the page's
// glossary inside <main> is marked <abbr title="…"> (glossary.go): a
// layout writes abbreviations as plain text.
//
// For example, a site that wants its unit pages to list only the names of
// the unit's objectives puts this in themes/default/layouts/unit.html:
//
//	{{define "main"}}{{$p := .}}
//	<h1>{{.Unit.Nome}}</h1>
//	<p class="kicker">{{$p.LevelName "unita"}}{{with .Area}} – {{.Nome}}{{end}}</p>
//	<ul>{{range $p.UnitSheets .Unit.Key}}<li><a href="{{$p.SheetURL .}}">{{$p.SheetName .}}</a></li>{{end}}</ul>
//	{{end}}
//
// With the built-in theme, the bytes of an operational sheet's pages and of
// any sheet's "as approved" page depend only on that sheet, its plan's
// piano.yaml and narrative sections (the titles its short links show),
// config.yaml and the theme: piao serve renders again only the
// pages of a sheet that changed. Those layouts must not show other sheets
// (Pages.SheetFile); a strategic sheet's page lists the operational
// sheets that pursue its objectives, and is rendered again with the site.
package builder
