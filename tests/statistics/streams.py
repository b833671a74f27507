"""Figure blocks as stream data, for building stories in tests."""


def comparison(measure, force, period="2019/20", compare_with=""):
    return (
        "figure_comparison",
        {"measure": measure.pk, "force": force.pk, "period": period, "compare_with": compare_with},
    )


def table(measure, forces=(), periods=(), kind="figure_table"):
    return (
        kind,
        {
            "measure": measure.pk,
            "forces": [f.pk for f in forces],
            "periods": list(periods),
            "caption": "",
        },
    )
