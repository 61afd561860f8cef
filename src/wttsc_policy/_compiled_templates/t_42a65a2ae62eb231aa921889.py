# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/operation_encompass.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield 'Under section 49A of the Domestic Abuse Act 2021 (Operation Encompass), the police must tell the school, as soon as reasonably practicable, when they have reasonable grounds to believe that a pupil may be a victim of domestic abuse. The duty is on the police; our part is to receive the information and act on it.\n\nThe '
    yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
    yield ' or a deputy receives Operation Encompass notifications, including before the start of the school day and, where this is arranged locally, during the holidays. They record each notification securely, share it only with staff who need to know, and make sure the child has a trusted adult in school and any support they need. The notification also helps the '
    yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
    yield " decide whether early help or a referral to children's social care is needed."

blocks = {}
debug_info = '3=13'
