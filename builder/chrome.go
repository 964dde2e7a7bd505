package builder

// chromeView is what the frame of every page (head, header, menu, footer)
// shows, prepared in Go: the theme reads it as plain fields instead of
// calling a method for each link, which is most of a small page's time.
// A page prepares it once, however many templates read it.
type chromeView struct {
	Ente     string // the body's name
	EnteSite string // its website, when a safe address

	// Links to the site's own files, relative to the page.
	Favicon, CSS, Feed, Home, Search, OpenData, Archive string

	// Section is the first level of the path (Amministrazione
	// Trasparente); Plan, the plan the menu points at (nil without plans).
	Section link
	Plan    *navPlan

	// The footer: contacts, the configured links with a safe address,
	// the accessibility statement, the privacy notice and the licence
	// (its URL empty when not a safe address).
	Address, PEC, TaxCode  string
	Links                  []link
	Accessibility, Privacy string
	Licence                link
}

type link struct{ Title, URL string }

// navPlan is the plan of the menu and the footer.
type navPlan struct {
	Title, Period, URL string
	Revisions          string // its revisions page, when it has revisions
}

// Chrome returns the frame of the page.
func (pg *page) Chrome() *chromeView {
	if pg.chrome != nil {
		return pg.chrome
	}
	np := pg.NavPlan()
	cfg := &pg.Site.Config
	c := &chromeView{
		Ente:     cfg.Ente.Nome.S,
		EnteSite: pg.SafeURL(cfg.Ente.Sito.S),
		Favicon:  pg.Asset("img/favicon.svg"), CSS: pg.Asset("css/piao.css"),
		Feed: pg.FeedURL(), Home: pg.Home(), Search: pg.SearchURL(),
		OpenData: pg.OpenDataURL(), Archive: pg.ArchiveURL(),
		Section: link{Title: cfg.Percorso[0].Titolo.S, URL: pg.SectionURL(0)},
		Address: cfg.Ente.Indirizzo.S, PEC: cfg.Ente.PEC.S, TaxCode: cfg.Ente.CodiceFiscale.S,
		Accessibility: pg.SafeURL(cfg.Accessibilita.S),
		Privacy:       pg.SafeURL(cfg.Privacy.S),
	}
	if np != nil {
		c.Plan = &navPlan{Title: np.Titolo.S, Period: np.Periodo.S, URL: pg.PlanURL(np)}
		if len(np.Revisioni) > 0 {
			c.Plan.Revisions = pg.PlanRevisionsURL(np)
		}
	}
	for _, l := range cfg.Collegamenti {
		if u := pg.SafeURL(l.URL.S); u != "" {
			c.Links = append(c.Links, link{Title: l.Titolo.S, URL: u})
		}
	}
	lic := pg.Licence()
	c.Licence = link{Title: lic.Nome.S, URL: pg.SafeURL(lic.URL.S)}
	pg.chrome = c
	return c
}
