"""The causal parameters the rules read. Every scenario must define each of them (with a doc
string saying what the assumption is), so that the model's claims are data a user can change."""

from __future__ import annotations

REQUIRED_PARAMETERS: dict[str, str] = {
    # detection: the cumulative cheater's risk
    "detect_base": "per-turn chance that hidden activity is found with no special effort",
    "detect_intel": "added per-turn chance per unit of intel effort x suspicion of the site",
    "detect_inspection": "added per-turn chance per unit of inspection access (declared and staged sites)",
    "detect_time_growth": "relative growth of the per-turn chance per turn the activity has gone on",
    "detect_max": "ceiling on the per-turn chance of detection",
    "detection_trust_loss": "trust lost by the detector toward the DPRK on a detection",
    "detection_tension": "tension added when hidden activity is exposed",
    "detection_sanctions": "UN sanctions regime tightened when hidden activity is exposed",
    "detection_cohesion": "cohesion gained by the US alliances (and lost by China-DPRK) on an exposure",
    "breach_trust_loss": "trust lost by each deal partner when a breach is found",
    "compliance_trust_gain": "trust gained when a clause is verified as kept",
    "verify_inspection_p": "chance per turn that a kept clause under inspection is verified",
    "verify_national_means_p": "chance per turn that a kept clause under national means is verified",
    # sanctions
    "pressure_weight_US": "weight of US enforcement in sanctions pressure",
    "pressure_weight_ROK": "weight of ROK enforcement in sanctions pressure",
    "pressure_weight_JPN": "weight of Japanese enforcement in sanctions pressure",
    "pressure_weight_PRC": "weight of Chinese enforcement in sanctions pressure (China: ~96% of DPRK trade)",
    "evasion_sts_weight": "pressure lost per point of ship-to-ship evasion",
    "evasion_cyber_weight": "pressure lost per point of cyber theft",
    "evasion_growth": "evasion growth per turn per point of pressure above 50 (sanctions leak)",
    "sts_attrition": "ship-to-ship evasion lost every turn (tankers designated, seized, scrapped): a flow to keep buying",
    "cyber_attrition": "cyber-theft evasion lost every turn (stolen funds traced, frozen, lost in laundering)",
    "peace_enforcement_erosion": "enforcement lost per turn by ROK and PRC per stage of the peace regime",
    # economy, tension, politics
    "economy_recovery": "DPRK economy regained per turn without pressure",
    "economy_sanctions_drag": "DPRK economy lost per turn per point of sanctions pressure",
    "economy_inter_korean": "DPRK economy gained per turn per point of inter-Korean exchange",
    "tension_baseline": "level tension relaxes toward",
    "tension_decay": "tension relaxation per turn toward the baseline",
    "war_threshold": "tension at which the peninsula goes to war",
    "support_drift": "share of the distance to 50 that domestic support recovers each turn",
    "capital_support_step": "domestic-support points above 50 per extra capital point a turn",
    # program
    "assembly_per_turn": "warheads the DPRK can assemble per turn from available material",
    "pu_per_warhead": "kg of plutonium per warhead",
    "heu_per_warhead": "kg of HEU per warhead",
    "surge_multiplier": "production multiplier at covert sites during a surge",
    "partial_declaration_fraction": "share of true stocks a partial declaration admits",
    "intel_quality": "how far one intelligence collection moves an estimate toward the truth (0..1)",
    "estimate_widening": "relative widening of estimate ranges per turn without new intelligence",
    "nuclear_test_readiness": "missile readiness a nuclear test adds (points)",
    "icbm_test_readiness": "missile readiness an ICBM test adds (points)",
    "short_range_test_readiness": "missile readiness a short-range missile test adds (points)",
    "nuclear_test_reveal": "share of the true warhead count a nuclear test proves to every estimate (its floor)",
    "leak_suspicion": "suspicion of each hidden site a leak or defector adds (0..1)",
    "collection_suspicion": "suspicion of each hidden site one collection adds at full intelligence effort (0..1)",
    "inspection_quality": "how far an inspection at full access moves every estimate toward the truth (0..1)",
    "verify_without_access": "factor on verify_inspection_p when inspectors have no access",
    "baseline_intel_effort": "intelligence effort a country without an estimate is taken to spend (0..100)",
    "release_delay": "turns a pledge made after verification has to be carried out once the partner is verified",
    # ends
    "rupture_threshold": "US-ROK or US-JPN cohesion at or below which the alliance ruptures",
    "denuclearization_threshold": "share of the program verified gone that counts as denuclearization",
    # --- issue 11 (wt11b): C5's ratchet (C1's threshold is a scenario's own, read by its ``outcomes``)
    "peace_retightening_rate": "share of a re-tightening of sanctions after cheating is exposed (the UN regime, "
    "the enforcement a peace regime erodes) that takes effect while a peace regime stands: China and Russia "
    "slow new measures",
    "peace_regime_ceiling": "UN sanctions regime above which no re-tightening after cheating goes while a peace "
    "regime stands",
    # --- issue 11 (wt11a): claims C2, C3, C4, C12 read by the rules (docs/model.md)
    "moratorium_production": "share of site production that goes on while a test moratorium is in force (C2)",
    "essential_weighting": "how far verified denuclearization counts each site by its essential value (C3)",
    "declaration_breach_trust_loss": "trust each observer told loses toward the DPRK when its declaration is "
    "shown to omit a site or stocks (C3)",
    "declaration_breach_norm": "nonproliferation-norm credibility lost when a declaration is shown incomplete (C3)",
    "declaration_breach_sanctions": "UN sanctions regime tightened when a declaration is shown incomplete (C3)",
    "inter_korean_access_cap": "inter-Korean exchange above which the DPRK's control of access yields it no "
    "more economic benefit (C4)",
    "unprepared_deal_unravel_p": "per-turn chance that a deal with the DPRK struck without working-level "
    "preparation unravels (C12)",
    "unconsulted_deal_cohesion": "cohesion each ally left out loses when its partner strikes a deal with the "
    "DPRK without allied consultation (C12)",
    # --- wt11c: alliances, institutions and China (claims C6-C10; rules/alliances.py) ---
    "wedge_growth": "C6: wedge pressure in Seoul added per turn per stage of the peace regime",
    "wedge_support_loss": "C6: ROK public support for the alliance lost per turn at wedge pressure 100 (pro rata)",
    "alliance_support_cohesion": "C6: US-ROK cohesion moved per point ROK public support for the alliance moves",
    "readiness_pull": "C6: share of the gap between combined readiness and the exercise scale closed each turn",
    "wedge_domestic_cost": "C6: ROK domestic support lost per turn at wedge pressure 100 with full exercises and "
    "THAAD kept (pro rata)",
    "rok_engagement_sensitivity": "C7: ROK domestic support gained per turn per 10 points inter-Korean exchange "
    "stands above tension (lost when below)",
    "escalation_base": "C8: chance an incident escalates with the DPRK's forward posture at 100 and the "
    "armistice institutions intact",
    "institution_guard": "C8: chance of escalation added as the armistice institutions (UNC, NNSC, CFC) fall "
    "from full strength to none",
    "cma_calm": "C8: share of the chance of escalation the 2018 military agreement removes while it stands",
    "decoupling_deal_cost": "C9: cohesion an ally of the US loses when a US-DPRK deal leaves out every one of "
    "its stakes (world.ally_stakes)",
    "prc_reputation_price": "C10: China's standing lost per turn at full blame on Pyongyang and no Chinese "
    "enforcement (pro rata)",
    "prc_influence_gain": "C10: China's regional influence gained per point the US alliances' mean cohesion falls",
    # --- end wt11c ---
    # --- issue 11 (w3a): the missile ladder's middle rungs and what missile readiness does (rules/program.py)
    "slbm_test_readiness": "missile readiness a submarine-launched missile test adds (points)",
    "mrbm_test_readiness": "missile readiness a medium- or intermediate-range missile test adds (points)",
    "readiness_decay": "missile readiness lost every turn: an unproven force (points; tests make it up)",
    "readiness_deterrence": "share of the DPRK's regime-security objective (the arsenal kept) that counts only "
    "in proportion to missile readiness: warheads without proven delivery deter less",
    # --- end w3a ---
}

# Where each required parameter keeps the rules meaningful: not a claim about the world (the plausible
# range of a figure is the scenario's ``range``), but the domain outside which a value is an error: a
# chance above 1, a negative trust loss, a divisor of 0. The loader checks the base value and every
# variant's override against it.
_SHARE = (0.0, 1.0)
_POINTS = (0.0, 100.0)  # on a 0..100 meter
PARAMETER_DOMAINS: dict[str, tuple[float, float]] = {
    **{
        name: _SHARE
        for name in (
            "detect_base",
            "detect_intel",
            "detect_inspection",
            "detect_max",
            "verify_inspection_p",
            "verify_national_means_p",
            "pressure_weight_US",
            "pressure_weight_ROK",
            "pressure_weight_JPN",
            "pressure_weight_PRC",
            "support_drift",
            "partial_declaration_fraction",
            "intel_quality",
            "estimate_widening",
            "denuclearization_threshold",
            "nuclear_test_reveal",
            "leak_suspicion",
            "collection_suspicion",
            "inspection_quality",
            "verify_without_access",
        )
    },
    **{
        name: _POINTS
        for name in (
            "detection_trust_loss",
            "detection_tension",
            "detection_sanctions",
            "detection_cohesion",
            "breach_trust_loss",
            "compliance_trust_gain",
            "sts_attrition",
            "cyber_attrition",
            "peace_enforcement_erosion",
            "economy_recovery",
            "tension_baseline",
            "tension_decay",
            "war_threshold",
            "rupture_threshold",
            "nuclear_test_readiness",
            "icbm_test_readiness",
            "short_range_test_readiness",
            "baseline_intel_effort",
        )
    },
    "detect_time_growth": (0.0, 10.0),
    "evasion_sts_weight": (0.0, 10.0),
    "evasion_cyber_weight": (0.0, 10.0),
    "evasion_growth": (0.0, 10.0),
    "economy_sanctions_drag": (0.0, 10.0),
    "economy_inter_korean": (0.0, 10.0),
    "capital_support_step": (1.0, 100.0),  # a divisor
    "assembly_per_turn": (0.0, 1000.0),
    "pu_per_warhead": (1.0, 1000.0),  # a divisor
    "heu_per_warhead": (1.0, 1000.0),  # a divisor
    "surge_multiplier": (1.0, 100.0),
    "release_delay": (1.0, 24.0),  # whole turns
    # issue 11 (wt11b): C5's ratchet
    "peace_retightening_rate": _SHARE,
    "peace_regime_ceiling": _POINTS,
    # --- issue 11 (wt11a)
    **{name: _SHARE for name in ("moratorium_production", "essential_weighting", "unprepared_deal_unravel_p")},
    **{
        name: _POINTS
        for name in (
            "declaration_breach_trust_loss",
            "declaration_breach_norm",
            "declaration_breach_sanctions",
            "inter_korean_access_cap",
            "unconsulted_deal_cohesion",
        )
    },
    # --- wt11c ---
    **{name: _SHARE for name in ("readiness_pull", "escalation_base", "institution_guard", "cma_calm")},
    **{
        name: _POINTS
        for name in (
            "wedge_growth",
            "wedge_support_loss",
            "wedge_domestic_cost",
            "decoupling_deal_cost",
            "prc_reputation_price",
        )
    },
    **{name: (0.0, 10.0) for name in ("alliance_support_cohesion", "rok_engagement_sensitivity", "prc_influence_gain")},
    # --- end wt11c ---
    # --- issue 11 (w3a)
    **{name: _POINTS for name in ("slbm_test_readiness", "mrbm_test_readiness", "readiness_decay")},
    "readiness_deterrence": _SHARE,
    # --- end w3a ---
}
