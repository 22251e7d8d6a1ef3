//! Quote variants: the similarity threshold chosen on hand-made German pairs, quotations
//! that only share a phrase (pairs from the news dataset that word overlap alone joined),
//! clusters of those pairs, and the marked words of a misquotation.

use zitat::cluster::{cluster, diff_words, similarity, variants, THRESHOLD};

/// The same statement as quoted by different outlets: a word changed, shortened,
/// re-punctuated, a word dropped or added.
const VARIANTS: &[(&str, &str)] = &[
    ("„Die Welt ist gefährlicher geworden.“", "„Die Welt ist gefährlich geworden.“"),
    (
        "„Wir werden die Ukraine so lange unterstützen, wie es nötig ist.“",
        "„Wir werden die Ukraine unterstützen, solange es nötig ist.“",
    ),
    (
        "„Die Kernaufgabe der Nato ist es, Krieg zu verhindern, und das ist unsere größte Errungenschaft.“",
        "„Die Kernaufgabe der Nato ist es, Krieg zu verhindern.“",
    ),
    ("„Das ist ein schwarzer Tag für die Stadt!“", "\"Das ist ein schwarzer Tag für die Stadt.\""),
    (
        "„Wir lassen uns von niemandem erpressen, auch nicht von Moskau.“",
        "„Wir lassen uns von niemandem erpressen, schon gar nicht von Moskau.“",
    ),
    (
        "„Die Mannschaft hat heute alles gegeben, aber es hat nicht gereicht.“",
        "»Die Mannschaft hat alles gegeben, aber es hat leider nicht gereicht.«",
    ),
    ("„Wir werden die Steuern nicht erhöhen.“", "„Wir werden die Steuern erhöhen.“"),
    ("um den Weg zu echten Neuwahlen freizumachen", "um den Weg zu Neuwahlen freizumachen"),
];

/// Different statements, many built alike or on the same topic.
const DIFFERENT: &[(&str, &str)] = &[
    ("„Wir werden die Steuern nicht erhöhen.“", "„Wir werden die Renten nicht kürzen.“"),
    (
        "„Die Nato muss ihre Verteidigung an der Ostflanke stärken.“",
        "„Russland bedroht die Sicherheit an der Ostflanke der Nato.“",
    ),
    ("„Das Urteil ist noch nicht rechtskräftig.“", "„Das Urteil ist ein Skandal.“"),
    (
        "„Der Trainer hat die volle Rückendeckung des Vereins.“",
        "„Der Verein hat dem Trainer das Vertrauen entzogen.“",
    ),
    (
        "„Ich bin sehr zufrieden mit der Leistung der Mannschaft.“",
        "„Ich bin sehr enttäuscht von der Leistung der Mannschaft.“",
    ),
    ("„Das ist ein wichtiger Schritt für die Region.“", "„Das ist ein wichtiger Tag für die Demokratie.“"),
    ("„Wir bleiben dabei.“", "„Wir bleiben hier.“"),
];

/// Quotations of different articles that share a phrase, or a short quotation whose words
/// mostly stand in a longer one, but do not say the same: each pair reached the threshold
/// of word overlap.
const SHARED_PHRASE: &[(&str, &str)] = &[
    (
        "eHomes die Lizenz zu entziehen",
        "dem Betreiber Vattenfall sofort die Lizenz zum Betreiben von Atomkraftwerken in Deutschland zu entziehen und den Reaktor in Krümmel endgültig stillzulegen",
    ),
    (
        "So habe es den Anschein, dass es kaum noch Ziele gebe, die aus der Luft angegriffen werden könnten.",
        "dass es kaum Informationen gebe",
    ),
    (
        "Die Haushaltspolitikerin von Bündnis 90/Die Grünen, Anja Hajduk, kritisierte die Pläne der Bundesregierung zum Thema Arbeitsmarkt.",
        "Die Fraktion von Bündnis 90/Die Grünen",
    ),
    ("„Das hat es noch nicht gegeben.“", "„Das hat es so noch nie gegeben, da sind wir uns sicher.“"),
    ("„New York Times“", "„New York Times“"),
];

#[test]
fn a_shared_phrase_is_no_variant() {
    for (a, b) in SHARED_PHRASE {
        assert!(!variants(a, b, THRESHOLD), "{a} / {b}: word overlap {:.3}", similarity(a, b));
    }
    for (a, b) in VARIANTS {
        assert!(variants(a, b, THRESHOLD), "{a} / {b}");
    }
    let texts: Vec<&str> = SHARED_PHRASE.iter().flat_map(|(a, b)| [*a, *b]).collect();
    let apart = cluster(&texts, &(0..texts.len()).collect::<Vec<_>>(), THRESHOLD);
    assert!(apart.members.is_empty(), "quotations sharing a phrase clustered: {:?}", apart.members);
}

#[test]
fn the_threshold_separates_variants_from_different_statements() {
    let lowest_variant = VARIANTS.iter().map(|(a, b)| similarity(a, b)).fold(f64::INFINITY, f64::min);
    let highest_different = DIFFERENT.iter().map(|(a, b)| similarity(a, b)).fold(0.0, f64::max);
    eprintln!("variants ≥ {lowest_variant:.3}, different statements ≤ {highest_different:.3}, threshold {THRESHOLD}");
    for (a, b) in VARIANTS {
        assert!(similarity(a, b) >= THRESHOLD, "{a} / {b}: {:.3}", similarity(a, b));
    }
    for (a, b) in DIFFERENT {
        assert!(similarity(a, b) < THRESHOLD, "{a} / {b}: {:.3}", similarity(a, b));
    }
}

#[test]
fn each_hand_made_pair_is_one_cluster_and_different_statements_stay_apart() {
    let mut texts = Vec::new();
    for (a, b) in VARIANTS {
        texts.push(*a);
        texts.push(*b);
    }
    let sources: Vec<usize> = (0..texts.len()).collect();
    let clusters = cluster(&texts, &sources, THRESHOLD);
    for pair in 0..VARIANTS.len() {
        let (a, b) = (clusters.of[2 * pair], clusters.of[2 * pair + 1]);
        assert!(a.is_some() && a == b, "pair {pair} is not one cluster: {a:?} {b:?}");
    }
    let others: Vec<&str> = DIFFERENT.iter().flat_map(|(a, b)| [*a, *b]).collect();
    let apart = cluster(&others, &(0..others.len()).collect::<Vec<_>>(), THRESHOLD);
    assert!(apart.members.is_empty(), "different statements clustered: {:?}", apart.members);
}

#[test]
fn a_misquotation_shows_the_dropped_or_changed_word() {
    let (reference, variant) = VARIANTS[0];
    let changed: Vec<String> = diff_words(reference, variant).into_iter().filter(|(_, c)| *c).map(|(w, _)| w).collect();
    assert_eq!(changed, vec!["gefährlich"]);
    let (reference, variant) = VARIANTS[6];
    let changed: Vec<String> = diff_words(variant, reference).into_iter().filter(|(_, c)| *c).map(|(w, _)| w).collect();
    assert_eq!(changed, vec!["nicht"]);
}
