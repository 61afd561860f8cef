# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/relevant_agency.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_partnership = resolve('partnership')
    l_0_mentions = resolve('mentions')
    l_0_headteacher_title = resolve('headteacher_title')
    l_0_dsl_title = resolve('dsl_title')
    l_0_school_name = resolve('school_name')
    pass
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) in ['early_years', 'childminder']):
        pass
        yield 'The safeguarding partners can name early years providers as relevant agencies in their published arrangements. Where '
        yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
        yield ' names '
        if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
            pass
            yield 'me'
        else:
            pass
            yield 'us'
        yield ', '
        if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
            pass
            yield 'I have'
        else:
            pass
            yield 'we have'
        yield ' a statutory duty to co-operate with those arrangements and to act in line with them, including the local threshold document, referral routes and escalation procedure.\n'
    elif environment.call(context, (undefined(name='mentions') if l_0_mentions is missing else l_0_mentions), '(?:is|are) (?:an? )?relevant agenc'):
        pass
        yield 'Under the local arrangements we have a statutory duty to co-operate with the arrangements of '
        yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
        yield ' and to act in line with them, including the local threshold document, referral routes and escalation procedure. The '
        yield str((undefined(name='headteacher_title') if l_0_headteacher_title is missing else l_0_headteacher_title))
        yield ' and the '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield ' make sure staff understand this duty and that we take part in the arrangements when asked.\n'
    else:
        pass
        yield str((undefined(name='school_name') if l_0_school_name is missing else l_0_school_name))
        yield ' is a relevant agency in the safeguarding arrangements published by '
        yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
        yield ': the safeguarding partners name '
        if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'college'):
            pass
            yield 'colleges'
        else:
            pass
            yield 'schools'
        yield ' and other education settings in their arrangements. This gives us a statutory duty to co-operate with those arrangements and to act in line with them, including the local threshold document, referral routes and escalation procedure.\n\nThe '
        yield str((undefined(name='headteacher_title') if l_0_headteacher_title is missing else l_0_headteacher_title))
        yield ' and the '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield ' make sure staff understand this duty and that we take part in the arrangements when asked.\n'

blocks = {}
debug_info = '1=17&2=20&3=36&4=39&6=47&8=58'
