# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/family_networks.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield 'Families are often best supported by the people they already know. '
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'I recognise'
    else:
        pass
        yield 'We recognise'
    yield ' the part the wider family network, including kinship carers, grandparents and trusted friends, can play in keeping a child safe.\n\n'
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'When a family group conference or another family group decision-making meeting is arranged and the family agree, I contribute what I know and take part in the plan.\n'
    else:
        pass
        yield 'When a family group conference or another family group decision-making meeting is arranged and the family agree, the '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield ' or a member of staff who knows the child contributes what we know and takes part in the plan.\n'

blocks = {}
debug_info = '1=14&3=21&6=27'
