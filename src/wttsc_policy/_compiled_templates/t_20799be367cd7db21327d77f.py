# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/early_help_definition.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_council = resolve('council')
    l_0_setting = resolve('setting')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield 'Early help means support for children of all ages, and their families, as soon as a problem emerges, to stop it getting worse. It is a system of support from '
    yield str((undefined(name='council') if l_0_council is missing else l_0_council))
    yield ' and its partners, including settings like ours, rather than a single service.\n\n'
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield "Families take part in early help voluntarily, so it depends on their agreement. I explain to families what early help could offer, and if a family does not agree and my concerns about the child grow, I consider a referral to children's social care.\n"
    else:
        pass
        yield 'Families take part in early help voluntarily, so it depends on their agreement. We explain to families what early help could offer, and if a family does not agree and our concerns about the child grow, the '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield " considers a referral to children's social care.\n"

blocks = {}
debug_info = '1=15&3=17&6=23'
