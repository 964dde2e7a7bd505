package textnorm

// French, Slovenian and English: stop words, months and light stemmers.
// The search script's copies are assets/js/lingue/fr.js, sl.js and en.js.

// French: elided articles and pronouns ("l'", "d'", "qu'") are split at
// the apostrophe and dropped as single letters or stop words; folding
// takes the accents and makes œ "oe".
const (
	frenchMonths = "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre"
	frenchStops  = "au aux avec ce ces cet cette dans de des du elle elles en entre est et etre eux il ils je jusqu la le les leur leurs lorsqu lui ma mais me meme mes moi mon ne nos notre nous on ont ou par pas pour puisqu qu que qui quoiqu sa se ses si son sont sur ta te tes toi ton tu un une vos votre vous"
)

// frenchStem is a light French stemmer: the plural (-s, -x, -aux → -al),
// then up to two final e (feminine, and the é of a past participle,
// folded: "réalisées" → "realis"), then one of a final double consonant
// ("nouvelle" → "nouvel"). Words of fewer than five letters stay.
func frenchStem(w string) string {
	n := len(w)
	if n < 5 || !endsInLetter(w) {
		return w
	}
	switch last := w[n-1]; {
	case n > 5 && w[n-3:] == "aux":
		w = w[:n-3] + "al"
	case (last == 's' || last == 'x') && w[n-2] != 's':
		w = w[:n-1]
	}
	for range 2 {
		if len(w) > 4 && w[len(w)-1] == 'e' {
			w = w[:len(w)-1]
		}
	}
	if n := len(w); n > 4 && w[n-1] == w[n-2] && !isVowel(w[n-1]) {
		w = w[:n-1]
	}
	return w
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'
}

// Slovenian: folding makes č, š, ž and đ their base letters; a date names
// its month in the genitive ("30. junija 2024") or not.
const (
	slovenianMonths = "januar|januarja februar|februarja marec|marca april|aprila maj|maja junij|junija julij|julija avgust|avgusta september|septembra oktober|oktobra november|novembra december|decembra"
	slovenianStops  = "ali bi bo brez ce da do ga in iz je jih jo kar ki kjer ko kot le med mu na nad ne ni ob od pa po pod pred pri se so ta tako te tem ter to tudi za"
)

// slovenianEndings are the case endings a light stemmer removes, longest
// first.
var slovenianEndings = []string{"ama", "ami", "ega", "emu", "ih", "im", "om", "em", "ov", "ev", "ah", "a", "e", "i", "o", "u"}

// slovenianStem removes the first of slovenianEndings that ends the word,
// when three letters at least remain: "plačilo", "plačila", "plačilom",
// "plačil" → "placil". It is lighter than the language needs.
func slovenianStem(w string) string {
	if len(w) < 4 || !endsInLetter(w) {
		return w
	}
	for _, e := range slovenianEndings {
		if len(w)-len(e) >= 3 && w[len(w)-len(e):] == e {
			return w[:len(w)-len(e)]
		}
	}
	return w
}

// English.
const (
	englishMonths = "january february march april may june july august september october november december"
	englishStops  = "an and are as at be been but by for from has have in is it its not of on or that the their this to was were which will with"
)

// englishStem is the S-stemmer of D. Harman (Lucene's
// EnglishMinimalStemmer), with the -es of words in -ss, -x, -ch and -sh
// (Porter's first step): "payments" → "payment", "policies" → "policy",
// "processes" → "process", "approaches" → "approach"; "bus" and "class"
// keep their s.
func englishStem(w string) string {
	n := len(w)
	if n < 3 || w[n-1] != 's' {
		return w
	}
	for _, e := range []string{"sses", "xes", "ches", "shes"} {
		if n > len(e) && w[n-len(e):] == e {
			return w[:n-2]
		}
	}
	switch w[n-2] {
	case 'u', 's':
		return w
	case 'e':
		if n > 3 && w[n-3] == 'i' && w[n-4] != 'a' && w[n-4] != 'e' {
			return w[:n-3] + "y"
		}
		if c := w[n-3]; c == 'i' || c == 'a' || c == 'o' || c == 'e' {
			return w
		}
	}
	return w[:n-1]
}
