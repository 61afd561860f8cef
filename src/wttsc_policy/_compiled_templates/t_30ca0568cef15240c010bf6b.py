# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/domestic_abuse.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_dsl_title = resolve('dsl_title')
    pass
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'I'
    else:
        pass
        yield 'We'
    yield ' follow the definition of domestic abuse in the Domestic Abuse Act 2021. It is abuse between people aged 16 or over who are personally connected, and it is not only physical violence: it includes controlling or coercive behaviour and economic, psychological, emotional and sexual abuse.\n\n'
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield "A child who sees, hears or experiences the effects of domestic abuse is a victim in their own right. If I think a child is living with domestic abuse, I consider early help or a referral to children's social care.\n"
    else:
        pass
        yield 'A child who sees, hears or experiences the effects of domestic abuse is a victim in their own right. Staff report any sign that a child is living with domestic abuse to the '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield ", who considers early help or a referral to children's social care.\n"

blocks = {}
debug_info = '1=13&3=20&6=26'
