# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/information_sharing.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_information_sharing_advice = resolve('information_sharing_advice')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield 'Sharing information early is vital to keeping children safe. '
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'I follow'
    else:
        pass
        yield 'Staff follow'
    yield ' '
    yield str(environment.getattr((undefined(name='information_sharing_advice') if l_0_information_sharing_advice is missing else l_0_information_sharing_advice), 'title'))
    yield '.\n\n- The UK GDPR and the Data Protection Act 2018 do not prevent sharing information to keep children safe.\n- Consent is not needed to share information where a child is at risk, or may be at risk, of harm.\n- Fears about sharing must never stand in the way of protecting a child.\n- '
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'I share'
    else:
        pass
        yield 'We share'
    yield ' only what is relevant and accurate, with people who have a role in safeguarding the child, and record what was shared, with whom and why.\n\n'
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield "Where it is safe to do so, I tell the child and family what I am sharing and why, and if I am unsure I ask children's social care for advice promptly.\n"
    else:
        pass
        yield 'Where it is safe to do so, we tell the child and family what we are sharing and why. Staff who are unsure ask the '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield ' promptly.\n'

blocks = {}
debug_info = '1=15&6=24&8=31&11=37'
