# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/safeguarding_partners.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_council = resolve('council')
    l_0_icb = resolve('icb')
    l_0_partnership = resolve('partnership')
    l_0_setting = resolve('setting')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield 'The three statutory safeguarding partners for our area are '
    yield str((undefined(name='council') if l_0_council is missing else l_0_council))
    yield ', '
    yield str((undefined(name='icb') if l_0_icb is missing else l_0_icb))
    yield ' and the chief officer of police. They share an equal duty under section 16E of the Children Act 2004 to make arrangements to safeguard and promote the welfare of children in the area, and those arrangements are published by '
    yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
    yield '.\n\n'
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'I follow the published arrangements, including the local threshold document and referral procedures.\n'
    else:
        pass
        yield 'We follow the published arrangements, including the local threshold document and referral procedures, and the '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield ' makes sure staff know where to find them.\n'

blocks = {}
debug_info = '1=17&3=23&6=29'
