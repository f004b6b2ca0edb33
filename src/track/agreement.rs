//! How far assessors agree: percent agreement, weighted Cohen's kappa and Fleiss' kappa, per
//! process and overall.

use super::inputs::{Incompatible, owner, same_model};
use crate::assessment::Assessment;
use crate::model::Model;
use crate::profile::{self, Profile};
use crate::rating::Rating;
use serde::Serialize;

/// Agreement statistics over a set of items rated by every rater.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Agreement {
    /// Items every rater rated.
    pub items: usize,
    /// Share of those on which every rater gave the same value (N/P/L/F), 0 to 1.
    pub exact: Option<f64>,
    /// Linearly weighted Cohen's kappa on the ordinal scale (two raters).
    pub weighted_kappa: Option<f64>,
    /// Fleiss' kappa (two or more raters).
    pub fleiss_kappa: Option<f64>,
}

/// Percent agreement, linearly weighted Cohen's kappa (two raters) and Fleiss' kappa over
/// `table`: one row per item, one value per rater (0..=3 for N..F).
pub fn agreement(table: &[Vec<u8>]) -> Agreement {
    let items = table.len();
    if items == 0 {
        return Agreement {
            items,
            exact: None,
            weighted_kappa: None,
            fleiss_kappa: None,
        };
    }
    let n = table[0].len();
    let exact = table
        .iter()
        .filter(|r| r.iter().all(|v| *v == r[0]))
        .count() as f64
        / items as f64;
    let weighted_kappa = (n == 2).then(|| weighted_kappa(table)).flatten();
    Agreement {
        items,
        exact: Some(exact),
        weighted_kappa,
        fleiss_kappa: fleiss_kappa(table),
    }
}

const K: usize = 4;

/// Cohen's kappa with linear weights `1 - |i - j| / (K - 1)`; `None` when chance agreement is
/// total (every rating the same), where kappa is undefined.
pub fn weighted_kappa(table: &[Vec<u8>]) -> Option<f64> {
    let n = table.len() as f64;
    let mut p = [[0.0f64; K]; K];
    for r in table {
        p[r[0] as usize][r[1] as usize] += 1.0 / n;
    }
    let row: Vec<f64> = (0..K).map(|i| p[i].iter().sum()).collect();
    let col: Vec<f64> = (0..K).map(|j| (0..K).map(|i| p[i][j]).sum()).collect();
    let w = |i: usize, j: usize| 1.0 - (i.abs_diff(j) as f64) / (K as f64 - 1.0);
    let mut po = 0.0;
    let mut pe = 0.0;
    for i in 0..K {
        for j in 0..K {
            po += w(i, j) * p[i][j];
            pe += w(i, j) * row[i] * col[j];
        }
    }
    if (1.0 - pe).abs() < 1e-12 {
        None
    } else {
        Some((po - pe) / (1.0 - pe))
    }
}

/// Fleiss' kappa; `None` with fewer than two raters or when chance agreement is total.
pub fn fleiss_kappa(table: &[Vec<u8>]) -> Option<f64> {
    let items = table.len();
    let n = table.first()?.len();
    if n < 2 || items == 0 {
        return None;
    }
    let nf = n as f64;
    let mut pj = [0.0f64; K];
    let mut pbar = 0.0;
    for r in table {
        let mut counts = [0.0f64; K];
        for v in r {
            counts[*v as usize] += 1.0;
        }
        for j in 0..K {
            pj[j] += counts[j];
        }
        let s: f64 = counts.iter().map(|c| c * c).sum();
        pbar += (s - nf) / (nf * (nf - 1.0));
    }
    pbar /= items as f64;
    let total = items as f64 * nf;
    let pe: f64 = pj.iter().map(|c| (c / total).powi(2)).sum();
    if (1.0 - pe).abs() < 1e-12 {
        None
    } else {
        Some((pbar - pe) / (1.0 - pe))
    }
}

/// Per process and overall agreement between the assessors' files (label, assessment): every
/// attribute (and instance) rated by all of them is an item.
#[derive(Clone, Debug, Serialize)]
pub struct AgreementReport {
    pub raters: Vec<String>,
    pub overall: Agreement,
    pub processes: Vec<(String, Agreement)>,
    /// Items rated by some raters but not all, left out.
    pub left_out: usize,
}

pub fn agreement_report(
    model: &Model,
    items: &[(String, &Assessment)],
) -> Result<AgreementReport, Incompatible> {
    same_model(items)?;
    if items.len() < 2 {
        return Err(Incompatible(
            "agreement needs two or more assessors' files".into(),
        ));
    }
    let profiles: Vec<Profile> = items
        .iter()
        .map(|(_, a)| profile::score(model, a))
        .collect();
    let mut all = Vec::new();
    let mut per = Vec::new();
    let mut left_out = 0;
    for mp in &model.processes.processes {
        let mut rows = Vec::new();
        for attr in model.attributes() {
            // Each rater's rating of the attribute for the process as a whole.
            let vals: Vec<Option<Rating>> = profiles
                .iter()
                .map(|p| {
                    p.processes
                        .iter()
                        .find(|x| x.id == mp.id.as_str())
                        .and_then(|x| x.attributes.iter().find(|a| a.id == attr.id.as_str()))
                        .and_then(|a| a.rating)
                })
                .collect();
            if vals.iter().all(Option::is_some) {
                rows.push(
                    vals.iter()
                        .flatten()
                        .map(|r| r.base().ordinal())
                        .collect::<Vec<u8>>(),
                );
            } else if vals.iter().any(Option::is_some) {
                left_out += 1;
            }
        }
        if !rows.is_empty() {
            all.extend(rows.iter().cloned());
            per.push((mp.id.to_string(), agreement(&rows)));
        }
    }
    Ok(AgreementReport {
        raters: items
            .iter()
            .map(|(l, a)| format!("{} ({l})", owner(a, l)))
            .collect(),
        overall: agreement(&all),
        processes: per,
        left_out,
    })
}

/// Landis and Koch's words for a kappa, for people.
pub fn kappa_words(k: f64) -> &'static str {
    match k {
        k if k < 0.0 => "poor (less than chance)",
        k if k <= 0.20 => "slight",
        k if k <= 0.40 => "fair",
        k if k <= 0.60 => "moderate",
        k if k <= 0.80 => "substantial",
        _ => "almost perfect",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table worked out by hand: 10 items, two raters.
    ///
    /// | A\B | N | P | L | F |
    /// |-----|---|---|---|---|
    /// | N   | 1 | 1 | 0 | 0 |
    /// | P   | 0 | 2 | 1 | 0 |
    /// | L   | 0 | 0 | 3 | 1 |
    /// | F   | 0 | 0 | 0 | 1 |
    ///
    /// Exact agreement 7/10. Weights: 1 on the diagonal, 2/3 one step apart.
    /// p_o = 0.7 + (2/3)(0.1 + 0.1 + 0.1) = 0.9.
    /// Row sums A: N .2, P .3, L .4, F .1; column sums B: N .1, P .3, L .4, F .2.
    /// p_e = sum w_ij a_i b_j = 0.66 (written out term by term below),
    /// kappa = (0.9 - 0.66) / (1 - 0.66) = 0.7059.
    #[test]
    fn kappa_by_hand() {
        let pairs: &[(u8, u8, usize)] = &[
            (0, 0, 1),
            (0, 1, 1),
            (1, 1, 2),
            (1, 2, 1),
            (2, 2, 3),
            (2, 3, 1),
            (3, 3, 1),
        ];
        let mut table = Vec::new();
        for &(a, b, n) in pairs {
            for _ in 0..n {
                table.push(vec![a, b]);
            }
        }
        let ag = agreement(&table);
        assert_eq!(ag.items, 10);
        assert!((ag.exact.unwrap() - 0.7).abs() < 1e-12);
        // p_e by hand: a = [.2,.3,.4,.1], b = [.1,.3,.4,.2], w(i,j) = 1 - |i-j|/3.
        let a = [0.2, 0.3, 0.4, 0.1];
        let b = [0.1, 0.3, 0.4, 0.2];
        let mut pe = 0.0;
        for (i, ai) in a.iter().enumerate() {
            for (j, bj) in b.iter().enumerate() {
                pe += (1.0 - (i as f64 - j as f64).abs() / 3.0) * ai * bj;
            }
        }
        // Written out: diagonal .02+.09+.16+.02 = .29; one apart (2/3)(.06+.03+.12+.12+.08
        // +.04) = (2/3)(.45) = .30; two apart (1/3)(.08+.04+.06+.03) = (1/3)(.21) = .07;
        // three apart weight 0. Total .66.
        assert!((pe - 0.66).abs() < 1e-9, "{pe}");
        let k = ag.weighted_kappa.unwrap();
        assert!((k - 0.24 / 0.34).abs() < 1e-9, "{k}");
        assert!((k - 0.705_882).abs() < 1e-6, "{k}");
        assert_eq!(kappa_words(k), "substantial");
    }

    /// Fleiss' kappa on a small table worked out by hand: 4 items, 3 raters.
    /// Items: (F,F,F), (L,L,P), (N,N,N), (P,L,F).
    /// P_i: 1, (4+1-3)/6 = 1/3, 1, (1+1+1-3)/6 = 0. P-bar = 2.3333/4 = 0.58333.
    /// Category shares over 12 ratings: N 3, P 2, L 3, F 4 -> p_e = (9+4+9+16)/144 = 38/144.
    /// kappa = (0.58333 - 0.26389) / (1 - 0.26389) = 0.43396.
    #[test]
    fn fleiss_by_hand() {
        let t = vec![vec![3, 3, 3], vec![2, 2, 1], vec![0, 0, 0], vec![1, 2, 3]];
        let k = fleiss_kappa(&t).unwrap();
        let want = (7.0 / 12.0 - 38.0 / 144.0) / (1.0 - 38.0 / 144.0);
        assert!((k - want).abs() < 1e-12, "{k} vs {want}");
        assert!((k - 0.433_962).abs() < 1e-5);
        let ag = agreement(&t);
        assert_eq!(ag.weighted_kappa, None, "Cohen's kappa is for two raters");
        assert!((ag.exact.unwrap() - 0.5).abs() < 1e-12);
    }

    #[test]
    fn kappa_undefined_when_everything_is_the_same() {
        let t = vec![vec![3, 3], vec![3, 3]];
        assert_eq!(weighted_kappa(&t), None);
        assert_eq!(fleiss_kappa(&t), None);
        assert_eq!(agreement(&t).exact, Some(1.0));
    }
}
